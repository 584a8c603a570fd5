"""allauth's social-account adapter, for Pro Santé Connect.

- The PSC app exists only when configured (`list_apps`, from the settings).
- Before anything is created or linked (`pre_social_login`): the nonce must
  match, the identity must carry an RPPS, and an RPPS already held by another
  account is never merged silently — the person signs in with their password
  and is then offered the link (`views.link_pending`).
- A new account takes its names, RPPS and profession from the verified
  identity (`populate_user`); the person gives an e-mail address on the
  sign-up form, confirmed as any other.
"""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.base.constants import AuthError
from django.conf import settings
from django.http import HttpRequest
from requests import RequestException

from ..models import User
from . import pending
from .conf import is_configured
from .errors import error_page
from .identity import PSCIdentity, apply_identity
from .provider import PROVIDER_ID, nonce_matches


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request: HttpRequest, provider=None, client_id=None) -> list[SocialApp]:
        apps = [
            app
            for app in super().list_apps(request, provider=provider, client_id=client_id)
            if app.provider != PROVIDER_ID
        ]
        if (
            provider in (None, PROVIDER_ID)
            and is_configured(settings)
            and client_id in (None, settings.PSC_CLIENT_ID)
        ):
            apps.append(
                SocialApp(
                    provider=PROVIDER_ID,
                    name="Pro Santé Connect",
                    client_id=settings.PSC_CLIENT_ID,
                    secret=settings.PSC_CLIENT_SECRET,
                )
            )
        return apps

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        if sociallogin.account.provider != PROVIDER_ID:
            return
        if not nonce_matches(sociallogin):
            raise ImmediateHttpResponse(error_page(request, "mismatch"))
        identity = PSCIdentity.from_userinfo(sociallogin.account.extra_data.get("userinfo") or {})
        if not identity.rpps:
            raise ImmediateHttpResponse(error_page(request, "no_rpps"))
        holder = User.objects.filter(rpps=identity.rpps).first()
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            if holder is not None and holder != request.user:
                raise ImmediateHttpResponse(error_page(request, "rpps_taken"))
            return
        if sociallogin.is_existing:
            if holder is not None and holder != sociallogin.user:
                raise ImmediateHttpResponse(error_page(request, "rpps_taken"))
            return
        if holder is not None:
            # An account of the portal has this RPPS: never merged on the
            # spot. Its owner signs in with their password, then confirms.
            pending.stash(request, sociallogin)
            raise ImmediateHttpResponse(pending.offer_page(request))

    def populate_user(self, request: HttpRequest, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if sociallogin.account.provider == PROVIDER_ID:
            identity = PSCIdentity.from_userinfo(sociallogin.account.extra_data["userinfo"])
            apply_identity(user, identity, save=False)
        return user

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin) -> bool:
        # The person always gives (and then confirms) their e-mail address.
        if sociallogin.account.provider == PROVIDER_ID:
            return False
        return super().is_auto_signup_allowed(request, sociallogin)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if getattr(provider, "id", None) == PROVIDER_ID:
            raise ImmediateHttpResponse(
                error_page(request, reason_of(error, exception, extra_context))
            )
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )


def reason_of(error, exception, extra_context) -> str:
    """Which of the error page's explanations fits an allauth error."""
    if error == AuthError.CANCELLED:
        return "cancelled"
    if isinstance(exception, RequestException):
        return "unreachable"
    if exception is not None:
        return "invalid"
    if extra_context and "state_id" in extra_context:
        # The callback came with no state, or one this browser did not send.
        return "mismatch"
    return "refused"
