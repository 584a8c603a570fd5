"""Forms of the validation by the team: asking the members involved, and a
member's answer (« D'accord » or « Réserve » with a comment)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import User
from gecolib.team_data import ConfirmNamesFormMixin, identity_error, validate_date_in_range
from gecolib.widgets import DateInput

from ..enums import Answer
from ..models.validation import MAX_COMMENT, RESERVE_WITHOUT_COMMENT_ERROR
from .protocols import MemberChoiceField, current_members


class TeamTextMixin:
    """The identity check of the free text a form sends (the model checks it
    again), so that a possible name shows the « Je confirme… » box."""

    def checked_text(self, name: str) -> str:
        value = self.cleaned_data[name]
        if error := identity_error(value, names_confirmed=self.names_confirmed):
            raise error
        return value


class RequestValidationForm(TeamTextMixin, ConfirmNamesFormMixin, OneTimeTokenMixin, forms.Form):
    members = MemberChoiceField(
        label=_("Membres à qui demander leur avis"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Cochés d'avance : les membres nommés sur le protocole et ceux de ses professions. "
            "Le protocole sera validé quand chacun aura donné son accord."
        ),
        error_messages={"required": _("Cochez au moins un membre à qui demander son avis.")},
    )
    message = forms.CharField(
        label=_("Message aux membres (facultatif)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui a changé, ce sur quoi vous attendez leur avis…"),
    )
    review_date = forms.DateField(
        label=_("Date de révision"),
        required=False,
        widget=DateInput(),
        help_text=_("Laissez vide : un an après la validation."),
        validators=[validate_date_in_range],
    )

    def __init__(self, *args, structure, initial_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = current_members(structure)
        if not self.is_bound:
            self.initial.setdefault("members", [m.pk for m in initial_members])

    def clean_message(self) -> str:
        return self.checked_text("message")

    def clean_review_date(self):
        date = self.cleaned_data["review_date"]
        if date is not None and date <= timezone.localdate():
            raise forms.ValidationError(_("La date de révision doit être après aujourd'hui."))
        return date


class AnswerForm(TeamTextMixin, ConfirmNamesFormMixin, OneTimeTokenMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Votre avis"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez « D'accord » ou « Réserve »."),
            "invalid_choice": _("Choisissez « D'accord » ou « Réserve »."),
        },
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Demandé avec une réserve : ce qui vous retient, ce qu'il faudrait changer. "
            "Jamais de patient nommé."
        ),
    )

    def clean_comment(self) -> str:
        return self.checked_text("comment").strip()

    def clean(self):
        cleaned = super().clean()
        comment_ok = "comment" not in self.errors
        if cleaned.get("answer") == Answer.RESERVE and comment_ok and not cleaned.get("comment"):
            self.add_error("comment", RESERVE_WITHOUT_COMMENT_ERROR)
        return cleaned
