"""The form of a month's counts, and the month and year read from a query
string."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import ConfirmNamesFormMixin, date_in_range

from ..models import CooperationDeclaration, MonthlyActivity
from ..models.activity import MAX_COUNT, MAX_COUNT_MESSAGE


class MonthField(forms.DateField):
    """A month typed as AAAA-MM (the browser's month picker) or MM/AAAA."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Indiquez un mois sous la forme AAAA-MM (par exemple 2026-03).")
    }

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


COUNT_ERRORS = {
    "min_value": _("Un nombre de patients ne peut pas être négatif."),
    "max_value": MAX_COUNT_MESSAGE,
    "invalid": _("Saisissez un nombre entier."),
    "required": _("Indiquez un nombre (0 s'il n'y en a pas)."),
}


class ActivityForm(ConfirmNamesFormMixin, forms.ModelForm):
    """A month's counts, never a patient. The month is normalised (typed
    AAAA-MM, MM/AAAA or AAAA-MM-JJ: its first day); the view binds the form
    to that month's row when it exists."""

    month = MonthField(label=_("Mois"))

    class Meta:
        model = MonthlyActivity
        fields = ["month", "inclusions", "reevaluations", "revoyures", "exclusions"]
        help_texts = {
            "inclusions": _("Patients pris en charge par un délégué dans le cadre du protocole."),
            "reevaluations": _(
                "Réévaluations faites par le délégué (kinésithérapeutes) ; au plus les "
                "patients inclus ce mois-ci et le mois précédent."
            ),
            "revoyures": _(
                "Patients revus par le délégant le jour même ou le lendemain ; au plus les "
                "patients inclus ce mois-ci et le mois précédent."
            ),
            "exclusions": _(
                "Patients orientés vers le médecin car ils relevaient d'un critère d'exclusion."
            ),
        }

    def __init__(self, *args, declaration: CooperationDeclaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.declaration = declaration
        for name in ("inclusions", "reevaluations", "revoyures", "exclusions"):
            field = self.fields[name]
            field.widget.attrs["min"] = 0
            field.widget.attrs["max"] = MAX_COUNT
            field.error_messages.update(COUNT_ERRORS)
        if not declaration.protocol.has_reevaluation:
            self.fields["reevaluations"].help_text = _(
                "Ce protocole ne prévoit pas de réévaluation : laissez 0."
            )

    def validate_unique(self):
        # One row per month: the view updates the existing month instead.
        pass


def parse_year(value, default: int | None = None) -> int:
    """A year from a query string (the current one when missing or absurd)."""
    default = default or timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2020 <= year <= default + 1 else default


def parse_month(value) -> datetime.date | None:
    """The first day of a month typed as the month field accepts it
    (AAAA-MM, MM/AAAA, AAAA-MM-JJ), or None."""
    for input_format in MonthField.input_formats:
        try:
            day = datetime.datetime.strptime((value or "").strip(), input_format).date()
        except ValueError:
            continue
        return day.replace(day=1) if date_in_range(day) else None
    return None
