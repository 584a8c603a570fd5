"""Stages and the CARPEC: stage changes, sessions, scheduling and opinions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.widgets import DateInput

from ..enums import (
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    CarpecOutcome,
    CarpecReviewKind,
)
from ..models import (
    CarpecReview,
    CarpecSession,
    StageChange,
    Structure,
)


class StageChangeForm(OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = StageChange
        fields = ["stage", "date", "comment"]
        widgets = {"date": DateInput()}
        labels = {"stage": _("Nouvelle étape")}

    def __init__(self, *args, structure: Structure, user, **kwargs):
        self.structure = structure
        super().__init__(*args, **kwargs)
        stages = [s for s in STAGES_BY_KIND[structure.kind] if s != structure.stage]
        if not user.is_staff:
            stages = [s for s in stages if s not in RECOGNISED_STAGES]
        self.fields["stage"].choices = [(s.value, s.label) for s in stages]
        # Offer the next step first: going back is the exception.
        following = structure.stages[structure.stage_position :]
        upcoming = [s for s in following if s in stages]
        if upcoming and not self.is_bound:
            self.initial["stage"] = upcoming[0].value

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("La date d'un changement d'étape ne peut pas être future.")
            )
        return value


class CarpecSessionForm(OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = CarpecSession
        fields = ["date", "submission_deadline", "notes"]
        widgets = {"date": DateInput(), "submission_deadline": DateInput()}
        error_messages = {
            "date": {"unique": _("Une séance de la CARPEC est déjà prévue à cette date.")}
        }

    def clean_submission_deadline(self):
        deadline = self.cleaned_data["submission_deadline"]
        date = self.cleaned_data.get("date")
        if deadline and date and deadline > date:
            raise forms.ValidationError(
                _("La date limite de dépôt doit précéder la date de la séance.")
            )
        return deadline


class CarpecScheduleForm(OneTimeTokenMixin, forms.ModelForm):
    # Its own prefix: the lifecycle page also holds the stage form, with its
    # own one-time token.
    prefix = "carpec"

    class Meta:
        model = CarpecReview
        fields = ["session", "kind"]
        labels = {"session": _("Séance")}
        error_messages = {
            "session": {"required": _("Choisissez une séance à venir.")},
            "kind": {"required": _("Choisissez l'objet de l'examen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = CarpecSession.objects.upcoming()
        self.fields["session"].empty_label = None
        self.fields["kind"].choices = [("", _("Choisissez l'objet de l'examen"))] + list(
            CarpecReviewKind.choices
        )


class CarpecOutcomeForm(forms.ModelForm):
    class Meta:
        model = CarpecReview
        fields = ["outcome", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"outcome": {"required": _("Choisissez l'avis rendu par la CARPEC.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No opinion is preselected: a favourable one moves the structure on.
        self.fields["outcome"].choices = [("", _("Choisissez l'avis rendu"))] + [
            (value, label)
            for value, label in CarpecOutcome.choices
            if value != CarpecOutcome.PENDING
        ]
        if self.instance.outcome == CarpecOutcome.PENDING:
            self.initial["outcome"] = ""


# --- Directory filters -------------------------------------------------------
