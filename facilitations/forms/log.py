"""The facilitation's log: sessions with their participants, follow-up
actions, and closing."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.choices import empty_choice
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import Profession, User
from gecolib.text import french_sort_key
from gecolib.validators import validate_no_patient_identifier
from gecolib.widgets import DateInput

from ..enums import FacilitationOutcome, FacilitationStatus
from ..models import (
    Facilitation,
    FollowUpAction,
    HelpType,
    Session,
    SessionParticipation,
)

# Professions offered as one number input each in the session form; others
# already recorded on a session are added when it is edited. The first
# MAIN_PROFESSIONS are always shown, the others folded under "Autres
# professions" (a keyboard user logging a session passes them in one stop).
COMMON_PROFESSION_CODES = ["10", "60", "70", "21", "50", "91", "80", "40", "95", "93"]
MAIN_PROFESSIONS = 4


class SessionForm(OneTimeTokenMixin, forms.ModelForm):
    """One form for one session, participants as one number per profession (a
    new session carries a one-time token: a double click logs it once)."""

    class Meta:
        model = Session
        fields = [
            "date",
            "duration_minutes",
            "mode",
            "phase",
            "help_given",
            "shared_summary",
            "private_notes",
            "next_steps",
            "next_date",
            "attendees",
        ]
        widgets = {
            "attendees": forms.CheckboxSelectMultiple,
            "date": DateInput(),
            "next_date": DateInput(),
            "help_given": forms.CheckboxSelectMultiple,
            "duration_minutes": forms.NumberInput(attrs={"min": 1, "max": 1440, "step": 5}),
            "shared_summary": forms.Textarea(attrs={"rows": 4}),
            "private_notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "shared_summary": _("Visible par les membres de l'équipe. Aucune donnée de patient."),
            "private_notes": _("Visibles seulement par le binôme et l'équipe GECO Lib'."),
        }

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitation = facilitation
        self.fields["help_given"].queryset = HelpType.objects.all()
        # The team's current members, and whoever was already recorded.
        attendees = self.fields["attendees"]
        attendees.queryset = (
            (
                facilitation.team_members().filter(is_active=True)
                | (self.instance.attendees.all() if self.instance.pk else User.objects.none())
            )
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        attendees.label_from_instance = lambda user: user.display_name
        empty_choice(self.fields["phase"], _("— Choisir la phase —"))
        existing = {}
        if self.instance.pk:
            existing = {p.profession_id: p.count for p in self.instance.participations.all()}
        professions = Profession.objects.filter(pk__in=list(existing)) | Profession.objects.filter(
            code__in=COMMON_PROFESSION_CODES
        )
        self.professions = sorted(
            professions.distinct(),
            key=lambda p: (
                COMMON_PROFESSION_CODES.index(p.code) if p.code in COMMON_PROFESSION_CODES else 99,
                french_sort_key(p.name),
            ),
        )
        for profession in self.professions:
            self.fields[f"participants_{profession.code}"] = forms.IntegerField(
                label=profession.name,
                min_value=0,
                max_value=500,
                required=False,
                initial=existing.get(profession.pk, None),
                widget=forms.NumberInput(attrs={"min": 0, "max": 500, "class": "form-control"}),
            )

    def participant_fields(self):
        return [self[f"participants_{p.code}"] for p in self.professions]

    def main_participant_fields(self):
        return self.participant_fields()[:MAIN_PROFESSIONS]

    def other_participant_fields(self):
        return self.participant_fields()[MAIN_PROFESSIONS:]

    def others_open(self) -> bool:
        """The folded professions are shown when one holds a count or an error."""
        return any(f.value() not in (None, "") or f.errors for f in self.other_participant_fields())

    def next_open(self) -> bool:
        """The folded "suite prévue" is shown when it holds something."""
        fields = (self["next_steps"], self["next_date"])
        return any(f.value() not in (None, "") or f.errors for f in fields)

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(
                _("Une séance se consigne une fois tenue : la date ne peut pas être à venir.")
            )
        if date < self.facilitation.opened_at.astimezone(timezone.get_current_timezone()).date():
            raise ValidationError(
                _("La séance ne peut pas précéder l'ouverture de la facilitation.")
            )
        return date

    def clean_duration_minutes(self) -> int:
        minutes = self.cleaned_data["duration_minutes"]
        if not 0 < minutes <= 24 * 60:
            raise ValidationError(_("La durée doit être comprise entre 1 minute et 24 heures."))
        return minutes

    def clean(self):
        cleaned = super().clean()
        date, next_date = cleaned.get("date"), cleaned.get("next_date")
        if date and next_date and next_date <= date:
            self.add_error(
                "next_date", _("La prochaine séance doit être prévue après la date de celle-ci.")
            )
        return cleaned

    def save(self, commit: bool = True) -> Session:
        session = super().save(commit=False)
        session.facilitation = self.facilitation
        if commit:
            session.save()
            self.save_m2m()
            counts = {
                p: self.cleaned_data.get(f"participants_{p.code}") or 0 for p in self.professions
            }
            session.participations.filter(
                profession__in=[p for p, n in counts.items() if not n]
            ).delete()
            for profession, count in counts.items():
                if count:
                    SessionParticipation.objects.update_or_create(
                        session=session, profession=profession, defaults={"count": count}
                    )
        return session


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["title", "assignee", "due_date"]
        widgets = {"due_date": DateInput()}
        labels = {"title": _("Action à mener")}

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitation = facilitation
        self.fields["assignee"].queryset = facilitation.possible_assignees()
        self.fields["assignee"].label_from_instance = lambda u: u.display_name
        self.fields["assignee"].empty_label = _("— Personne en particulier —")

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Décrivez l'action."))
        return title

    def clean_due_date(self) -> datetime.date:
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate() - datetime.timedelta(days=365):
            raise ValidationError(_("Cette échéance est trop ancienne."))
        return due


class NewFollowUpForm(OneTimeTokenMixin, FollowUpForm):
    """A follow-up added on its own page: a double click adds it once."""


# At most this many follow-ups typed with one session; a POST that claims more
# is refused with a French message, and Django never builds more than
# FOLLOW_UP_ABSOLUTE_MAX forms whatever the management form says.
FOLLOW_UP_MAX = 10
FOLLOW_UP_ABSOLUTE_MAX = 20


class BaseFollowUpFormSet(forms.BaseModelFormSet):
    """Optional follow-ups typed in the session form (empty rows ignored).

    One blank row is rendered; with JavaScript (static/js/formset.js, shared
    with the protocols' tables) it is removed and "Ajouter une action" adds
    rows cloned from `empty_form`."""

    default_error_messages = {
        "too_many_forms": _(
            "Au plus %(num)d actions de suivi par séance : rien n'a été enregistré."
        ),
    }

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        kwargs.setdefault("queryset", FollowUpAction.objects.none())
        kwargs.setdefault("prefix", "suivi")
        super().__init__(*args, form_kwargs={"facilitation": facilitation}, **kwargs)


FollowUpFormSet = forms.modelformset_factory(
    FollowUpAction,
    form=FollowUpForm,
    formset=BaseFollowUpFormSet,
    extra=1,
    max_num=FOLLOW_UP_MAX,
    validate_max=True,
    absolute_max=FOLLOW_UP_ABSOLUTE_MAX,
)


class CloseForm(forms.Form):
    CLOSE, ABANDON = FacilitationStatus.DONE.value, FacilitationStatus.ABANDONED.value
    action = forms.ChoiceField(
        label=_("Issue"),
        choices=[
            (CLOSE, _("Terminer la facilitation")),
            (ABANDON, _("Abandonner la facilitation")),
        ],
        widget=forms.RadioSelect,
        initial=CLOSE,
    )
    outcome = forms.ChoiceField(
        label=_("Résultat"),
        choices=[("", _("— Choisir le résultat —")), *FacilitationOutcome.choices],
        required=False,
        help_text=_("Obligatoire pour terminer."),
    )
    summary = forms.CharField(
        label=_("Bilan de clôture"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Partagé avec l'équipe. Aucune donnée de patient."),
        validators=[validate_no_patient_identifier],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.CLOSE and not cleaned.get("outcome"):
            self.add_error("outcome", _("Indiquez le résultat de la facilitation."))
        return cleaned
