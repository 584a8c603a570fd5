"""Forms of the public-service pages (gecolib/views/public_pages.py): the contact
form and its rate limit per client address (`GECOLIB_CONTACT_RATE_LIMIT`,
allauth's rate syntax: by default 5 messages an hour and 20 a day, so that
the form cannot flood the team), and the closing of one's own account."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .contact import ContactMessage, ContactSubject
from .idempotency import OneTimeTokenMixin
from .rate_limits import consume


class ContactForm(OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "body"]
        labels = {"name": _("Votre nom"), "email": _("Votre adresse e-mail")}
        help_texts = {
            "body": _(
                "N'écrivez aucune donnée permettant d'identifier un patient "
                "(nom, numéro de sécurité sociale…)."
            ),
            "email": _("Pour vous répondre ; elle n'est utilisée pour rien d'autre."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", _("— Choisir un sujet —")), *ContactSubject.choices]
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.get_full_name()
            self.fields["email"].initial = user.email


def rate_limit_allows(request: HttpRequest) -> bool:
    """Counts one message for the sender's address; False past the limit."""
    address = get_adapter(request).get_client_ip(request)
    return consume("contact", address=address, key=address) is not None


class AccountClosureForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer que c'est bien vous."),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive."),
        error_messages={"required": _("Cochez cette case pour confirmer la suppression.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password
