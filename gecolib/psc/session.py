"""How the current session was opened, as the access gate reads it.

On every sign-in (allauth's `user_logged_in`), the session records the
method — "psc" when it came through Pro Santé Connect, "password" otherwise —
and, for PSC, the `acr` of the ID token and the raw ID token (the hint of
RP-initiated logout). A PSC session whose `acr` reaches `PSC_MIN_ACR` counts
as a second factor: the e-CPS app and the CPS card are two factors themselves.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from allauth.account.signals import user_logged_in
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .conf import acr_satisfies
from .provider import PROVIDER_ID

SESSION_KEY = "gecolib_login"
ID_TOKEN_KEY = "gecolib_psc_id_token"


def record_login(sender, request: HttpRequest, user, sociallogin=None, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(ID_TOKEN_KEY, None)
    if sociallogin is not None and sociallogin.account.provider == PROVIDER_ID:
        claims = sociallogin.account.extra_data.get("id_token") or {}
        request.session[SESSION_KEY] = {
            "method": "psc",
            "acr": str(claims.get("acr") or ""),
            "at": int(time.time()),
        }
        raw = getattr(sociallogin, "psc_id_token", "")
        if raw:
            request.session[ID_TOKEN_KEY] = raw
        return
    request.session[SESSION_KEY] = {"method": "password", "acr": "", "at": int(time.time())}


def login_record(request: HttpRequest) -> dict:
    session = getattr(request, "session", None)
    return (session.get(SESSION_KEY) if session is not None else None) or {}


def psc_second_factor(request: HttpRequest | None) -> bool:
    """True when this session came through PSC with a strong enough `acr`."""
    if request is None:
        return False
    record = login_record(request)
    return record.get("method") == "psc" and acr_satisfies(record.get("acr"), settings.PSC_MIN_ACR)


def logout_url(request: HttpRequest) -> str:
    """PSC's end-session URL for a session opened through it (with the ID
    token as hint and the portal's home as the return), else ""."""
    session = getattr(request, "session", None)
    id_token = session.get(ID_TOKEN_KEY) if session is not None else None
    if not id_token:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_redirect_uri(request),
        }
    )
    return f"{settings.PSC_ENDPOINTS['LOGOUT_URL']}?{query}"


def post_logout_redirect_uri(request: HttpRequest) -> str:
    """The portal's home page (to register at the ANS with the callback)."""
    return request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))


def connect() -> None:
    user_logged_in.connect(record_login, dispatch_uid="gecolib-psc-record-login")
