"""The verified fields follow Pro Santé Connect: written when an account is
linked and at each sign-in through it (a change of name or of profession at
the RPPS reaches the portal)."""

from __future__ import annotations

from allauth.account.signals import user_logged_in
from allauth.socialaccount.signals import social_account_added

from .identity import PSCIdentity, apply_identity
from .provider import PROVIDER_ID


def _identity(sociallogin) -> PSCIdentity | None:
    if sociallogin is None or sociallogin.account.provider != PROVIDER_ID:
        return None
    return PSCIdentity.from_userinfo(sociallogin.account.extra_data.get("userinfo") or {})


def on_login(sender, request, user, sociallogin=None, **kwargs) -> None:
    identity = _identity(sociallogin)
    if identity is not None and identity.rpps:
        apply_identity(user, identity)


def on_linked(sender, request, sociallogin, **kwargs) -> None:
    identity = _identity(sociallogin)
    if identity is not None and identity.rpps:
        apply_identity(sociallogin.user, identity)


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="gecolib-psc-sync-login")
    social_account_added.connect(on_linked, dispatch_uid="gecolib-psc-sync-linked")
