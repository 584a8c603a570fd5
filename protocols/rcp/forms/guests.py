"""The form that adds an outside guest to a meeting (one-time token)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin

from ..models import Guest, Meeting

# The form sits on the meeting's page beside others: its fields' ids carry this.
GUEST_PREFIX = "invite"


class GuestForm(OneTimeTokenMixin, ConfirmNamesFormMixin, forms.ModelForm):
    class Meta:
        model = Guest
        fields = ["name", "profession", "organisation", "email"]
        labels = {"name": _("Prénom et nom")}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("prefix", GUEST_PREFIX)
        super().__init__(*args, instance=Guest(meeting=meeting), **kwargs)
        self.meeting = meeting
        self.fields["email"].required = True

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if Guest.objects.filter(meeting=self.meeting, email__iexact=email).exists():
            raise forms.ValidationError(_("Cette personne est déjà invitée à cette RCP."))
        return email
