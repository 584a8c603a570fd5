"""Invitations and memberships."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.widgets import DateInput

from ..models import (
    Invitation,
    Membership,
    Structure,
)


class InvitationForm(OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        help_texts = {
            "email": _(
                "La personne reçoit un e-mail et ne rejoint l'équipe que si elle accepte "
                "l'invitation."
            )
        }

    def __init__(self, *args, structure: Structure, **kwargs):
        self.structure = structure
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.structure.memberships.current().filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Cette personne est déjà membre de la structure."))
        if self.structure.invitations.pending().filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Une invitation est déjà en attente pour cette adresse."))
        return email


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.Select(attrs={"class": "form-select form-select-sm"})}


class MembershipEndForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["end_date"]
        widgets = {"end_date": DateInput(attrs={"class": "form-control form-control-sm"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = False
        self.fields["end_date"].help_text = _("Laissez vide pour aujourd'hui.")

    def clean_end_date(self):
        value = self.cleaned_data["end_date"] or timezone.localdate()
        if value < self.instance.start_date:
            raise forms.ValidationError(
                _("La date de sortie ne peut pas précéder la date d'entrée.")
            )
        return value
