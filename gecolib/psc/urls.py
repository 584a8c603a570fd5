"""allauth includes each provider's `urls` module under accounts/:
accounts/psc/login/ and accounts/psc/login/callback/ (the redirect URI to
register at the ANS). The login page answers GET (the confirmation) and POST
(the start of the sign-in); PSC sends the person back to the callback by GET."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from .provider import oauth2_callback, oauth2_login

urlpatterns = [
    path(
        "psc/login/",
        login_not_required(require_http_methods(["GET", "POST"])(oauth2_login)),
        name="psc_login",
    ),
    path(
        "psc/login/callback/", login_not_required(require_GET(oauth2_callback)), name="psc_callback"
    ),
]
