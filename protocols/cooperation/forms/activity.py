"""The form of a month's counts, and the month and year read from a query
string."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import ConfirmNamesFormMixin, date_in_range

from ..models import CooperationDeclaration, MonthlyActivity
from ..models.activity import MAX_COUNT, MAX_COUNT_MESSAGE

FIRST_YEAR = 2020
"""The first year of counts: the financing arrêté dates from September 2020."""


def year_choices(today: datetime.date | None = None) -> list[tuple[int, int]]:
    """The years a month may be chosen in, the latest first."""
    this_year = (today or timezone.localdate()).year
    return [(year, year) for year in range(this_year, FIRST_YEAR - 1, -1)]


class MonthSelect(forms.MultiWidget):
    """A month as two lists, the month's name and the year: the browser's
    month picker (`<input type="month">`) is missing from Firefox and
    desktop Safari. The value read is the text the field parses, AAAA-MM; a
    month sent as one value (`month=2025-03`, from a link or a script) is
    read as it is."""

    template_name = "protocols/cooperation/widgets/month_select.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.Select(
                attrs={"aria-label": _("Mois"), "class": "form-select"},
                choices=[("", _("— Mois —")), *MONTHS.items()],
            ),
            forms.Select(attrs={"aria-label": _("Année"), "class": "form-select"}, choices=()),
        ]
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        self.widgets[1].choices = [("", _("— Année —")), *year_choices()]
        for widget in self.widgets:
            # Lists, not text boxes: crispy's « form-control » is dropped.
            classes = dict.fromkeys(["form-select", *widget.attrs.get("class", "").split()])
            widget.attrs["class"] = " ".join(c for c in classes if c != "form-control")
        return super().get_context(name, value, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.month, value.year]
        month = parse_month(value)
        return [month.month, month.year] if month else [None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        month, year = super().value_from_datadict(data, files, name)
        if not month and not year:
            return ""
        return f"{year}-{month}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class MonthField(forms.DateField):
    """A month chosen from two lists (`MonthSelect`), or typed as AAAA-MM
    or MM/AAAA: its first day."""

    widget = MonthSelect
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Choisissez le mois et l'année (ou indiquez le mois sous la forme AAAA-MM).")
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


def chosen_month(data) -> datetime.date | None:
    """The month a query string or a posted form names: the form's two lists
    (`month_0`, `month_1`), `month` typed as one value, or a link's `mois`."""
    value = MonthSelect().value_from_datadict(data, {}, "month")
    return parse_month(value or data.get("mois"))
