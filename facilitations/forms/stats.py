"""The period of the activity statistics and their exports."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.widgets import DateInput

from ..stats import MAX_PERIOD_YEARS, Period


class PeriodForm(forms.Form):
    """The period of the statistics: a year, or a range of dates (which wins)."""

    annee = forms.IntegerField(
        label=_("Année"),
        required=False,
        min_value=2000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    du = forms.DateField(
        label=_("Du"),
        required=False,
        widget=DateInput(),
    )
    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["annee"].validators.append(MaxValueValidator(self.today.year + 1))
        self.fields["annee"].widget.attrs["max"] = self.today.year + 1

    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if self.errors:
            return data
        if start or end:
            if not (start and end):
                raise forms.ValidationError(
                    _("Indiquez les deux dates de la période, ou choisissez une année.")
                )
            if start > end:
                raise forms.ValidationError(_("La date de début doit précéder la date de fin."))
            if end.year - start.year >= MAX_PERIOD_YEARS:
                raise forms.ValidationError(
                    _("La période peut couvrir au plus %(years)s années civiles.")
                    % {"years": MAX_PERIOD_YEARS}
                )
        return data

    def period(self) -> Period:
        """The chosen period; the current year when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("du") and data.get("au"):
            return Period(data["du"], data["au"])
        return Period.year(data.get("annee") or self.today.year)
