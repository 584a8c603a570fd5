from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gecolib.calendar import PARIS
from gecolib.forms import FilterForm
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin
from gecolib.widgets import DateInput

from ..enums import Weekday, WeekOfMonth
from ..models import Meeting, MeetingSeries
from ..series import AND_FOLLOWING, THIS_ONLY

MAX_OCCURRENCES = 12


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%H:%M")


class MeetingEditForm(ConfirmNamesFormMixin, forms.ModelForm):
    """The meeting's fields, its date and time typed apart (Europe/Paris); the
    start and the end in the portal's date range (gecolib.team_data).
    `following`: how many meetings of its series come after it (to come, not
    cancelled) — then « cette réunion seulement » or « cette réunion et les
    suivantes » (`scope`) for the time, length, mode, place and video link."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    video_link = forms.URLField(
        label=_("Lien de visioconférence"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = ["title", "purpose", "duration_minutes", "mode", "place", "video_link"]
        labels = {"title": _("Intitulé")}

    field_order = ["title", "purpose", "date", "time", "duration_minutes", "mode", "place"]

    def __init__(self, *args, following: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if following:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Appliquer l'heure, la durée, la modalité, le lieu et le lien à"),
                choices=[
                    (THIS_ONLY, _("Cette réunion seulement")),
                    (
                        AND_FOLLOWING,
                        ngettext(
                            "Cette réunion et la suivante de la série",
                            "Cette réunion et les %(count)d suivantes de la série",
                            following,
                        )
                        % {"count": following},
                    ),
                ],
                initial=THIS_ONLY,
                required=False,
                widget=forms.RadioSelect,
                help_text=_(
                    "Chaque réunion suivante garde son jour ; seul ce qui est changé ici "
                    "passe aux suivantes, à venir et non annulées. L'intitulé, l'objet et "
                    "le jour ne changent que pour cette réunion."
                ),
            )
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))
        self.fields["duration_minutes"].min_value = 15
        self.fields["duration_minutes"].widget.attrs.update(min=15, max=480)

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or THIS_ONLY

    def clean_duration_minutes(self) -> int:
        value = self.cleaned_data["duration_minutes"]
        if not 15 <= value <= 480:
            raise forms.ValidationError(_("La durée doit être comprise entre 15 et 480 minutes."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            starts_at = datetime.datetime.combine(data["date"], data["time"], tzinfo=PARIS)
            self._check_dates(starts_at)
            if "date" in data:
                data["starts_at"] = starts_at
        return data

    def _check_dates(self, starts_at: datetime.datetime) -> None:
        try:
            Meeting.check_dates(starts_at, self.cleaned_data.get("duration_minutes") or 0)
        except forms.ValidationError as error:
            self.add_error("date", error.error_dict["starts_at"])


class MeetingForm(OneTimeTokenMixin, MeetingEditForm):
    """A new meeting, possibly the first of a monthly series."""

    repeat = forms.BooleanField(
        label=_("Réunion récurrente (tous les mois)"),
        required=False,
        help_text=_("Crée les prochaines dates d'un coup ; chacune reste modifiable ou annulable."),
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Semaine du mois"), choices=WeekOfMonth.choices, coerce=int, required=False
    )
    weekday = forms.TypedChoiceField(
        label=_("Jour de la semaine"), choices=Weekday.choices, coerce=int, required=False
    )
    occurrences = forms.IntegerField(
        label=_("Nombre de réunions à créer"),
        min_value=2,
        max_value=MAX_OCCURRENCES,
        initial=6,
        required=False,
    )

    class Meta(MeetingEditForm.Meta):
        fields = [*MeetingEditForm.Meta.fields, "invite_all"]

    def clean(self):
        data = super().clean()
        if data.get("repeat"):
            for name in ("week_of_month", "weekday", "occurrences"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Précisez ce champ pour une réunion récurrente."))
            if "starts_at" in data and not self.errors:
                # The last occurrence too stays in the range.
                self._check_dates(self.dates()[-1])
        return data

    def dates(self) -> list[datetime.datetime]:
        """The start of each meeting to create: one, or the series' occurrences
        from the date given."""
        data = self.cleaned_data
        if not data.get("repeat"):
            return [data["starts_at"]]
        days = MeetingSeries.occurrences(
            data["week_of_month"], data["weekday"], data["date"], data["occurrences"]
        )
        return [datetime.datetime.combine(day, data["time"], tzinfo=PARIS) for day in days]


class YearForm(FilterForm):
    """The year of the figures' pages (`?year=`)."""

    year = forms.IntegerField(label=_("Année"), min_value=2014, max_value=2100)
