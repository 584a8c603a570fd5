"""The sign-up form after a first sign-in through Pro Santé Connect: the
identity is verified, only the e-mail address is asked (PSC may not give
one), and it is confirmed by e-mail as on the ordinary sign-up."""

from __future__ import annotations

from allauth.socialaccount.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import User
from .identity import PSCIdentity


class PSCSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse e-mail")
        self.fields["email"].help_text = _(
            "Le portail vous écrit à cette adresse ; vous recevrez un lien pour la confirmer."
        )

    @property
    def identity(self) -> PSCIdentity:
        return PSCIdentity.from_userinfo(self.sociallogin.account.extra_data.get("userinfo") or {})

    def clean(self):
        cleaned = super().clean()
        # Checked again here: an account may have taken the RPPS since.
        rpps = self.identity.rpps
        if rpps and User.objects.filter(rpps=rpps).exists():
            raise forms.ValidationError(
                _("Un compte du portail porte déjà ce numéro RPPS : connectez-vous à ce compte.")
            )
        return cleaned
