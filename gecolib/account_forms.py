"""allauth forms with the portal's wording."""

from allauth.account.forms import LoginForm, SignupForm
from django.utils.translation import gettext_lazy as _


class PortalSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse e-mail")
        self.fields["email"].help_text = _(
            "Vous recevrez un lien pour confirmer cette adresse avant de vous connecter."
        )


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Adresse e-mail")
