"""allauth's TOTP step at sign-in, skipped when the sign-in came through
Pro Santé Connect with a strong enough `acr` (the e-CPS app and the CPS card
are two factors themselves). A PSC sign-in whose `acr` is missing or too
low is asked for the TOTP code as any other."""

from __future__ import annotations

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from django.conf import settings

from .conf import acr_satisfies
from .provider import PROVIDER_ID


class AuthenticateStage(AllauthAuthenticateStage):
    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and sociallogin.account.provider == PROVIDER_ID:
            claims = sociallogin.account.extra_data.get("id_token") or {}
            if acr_satisfies(claims.get("acr"), settings.PSC_MIN_ACR):
                return False
        return super()._should_handle(request)
