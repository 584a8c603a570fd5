"""The allauth provider of Pro Santé Connect.

allauth's generic `openid_connect` provider reads its endpoints from the
standard discovery path and asks for `openid profile email`; PSC publishes its
metadata elsewhere, puts its authorization endpoint on another host and wants
`openid scope_all` with `acr_values=eidas1`. This provider uses allauth's
OAuth2 machinery (state, PKCE S256, the code exchange, the login flows) with
PSC's endpoints from the settings (`conf.py`), and checks what the generic
one leaves out: the ID token's signature is always verified against PSC's
JWKS (with its issuer, audience, expiry and `jti`), the nonce sent must come
back, and the userinfo must describe the same subject.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.core.internal.deferred import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider
from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)
from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.crypto import constant_time_compare, get_random_string

from .identity import PSCIdentity

PROVIDER_ID = "psc"
SCOPE = ["openid", "scope_all"]
NONCE_STATE_KEY = "psc_nonce"
# Asymmetric signatures only: never "none" nor a secret-keyed HMAC.
ID_TOKEN_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")


def endpoint(name: str) -> str:
    return settings.PSC_ENDPOINTS[name]


class PSCAccount(ProviderAccount):
    def get_user_data(self) -> dict | None:
        return self.account.extra_data.get("userinfo")

    def to_str(self) -> str:
        identity = PSCIdentity.from_userinfo(self.get_user_data() or {})
        name = f"{identity.first_name} {identity.last_name}".strip()
        return name or super().to_str()


class PSCOAuth2Adapter(OAuth2Adapter):
    provider_id = PROVIDER_ID
    # PSC's Keycloak takes the client's secret in the form's body.
    basic_auth = False

    @property
    def authorize_url(self) -> str:
        return endpoint("AUTHORIZATION_URL")

    @property
    def access_token_url(self) -> str:
        return endpoint("TOKEN_URL")

    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        raw_id_token = kwargs["response"].get("id_token")
        if not raw_id_token:
            raise OAuth2Error("PSC returned no id_token")
        claims = verify_id_token(raw_id_token, app.client_id)
        userinfo = self._fetch_userinfo(token.token, app.client_id)
        if not constant_time_compare(str(userinfo.get("sub", "")), str(claims["sub"])):
            raise OAuth2Error("The userinfo's subject is not the ID token's")
        login = self.get_provider().sociallogin_from_response(
            request, {"userinfo": userinfo, "id_token": claims}
        )
        # Kept in the session for RP-initiated logout (session.py), never stored.
        login.psc_id_token = raw_id_token
        return login

    def _fetch_userinfo(self, access_token: str, client_id: str) -> dict:
        headers = {"Authorization": f"Bearer {access_token}"}
        with get_adapter().get_requests_session() as session:
            response = session.get(endpoint("USERINFO_URL"), headers=headers)
            response.raise_for_status()
        if response.headers.get("content-type", "").startswith("application/jwt"):
            # A signed userinfo: verified like the ID token.
            return verify_jwt(response.text, client_id, require=("sub",))
        data = response.json()
        if not isinstance(data, dict) or "sub" not in data:
            raise OAuth2Error("PSC's userinfo has no subject")
        return data


def verify_id_token(raw: str, client_id: str) -> dict:
    """The ID token's claims, once its signature (PSC's JWKS), issuer,
    audience, expiry and issue time are checked, and its `jti` not seen before."""
    return verify_jwt(raw, client_id, require=("iss", "aud", "sub", "exp", "iat", "nonce"))


def verify_jwt(raw: str, client_id: str, *, require: tuple[str, ...]) -> dict:
    try:
        algorithm, key = jwtkit.fetch_key(raw, endpoint("JWKS_URL"), jwtkit.lookup_kid_jwk)
        if algorithm not in ID_TOKEN_ALGORITHMS:
            raise OAuth2Error(f"Refused signing algorithm {algorithm!r}")
        claims = jwt.decode(
            raw,
            key=key,
            algorithms=[algorithm],
            audience=client_id,
            issuer=endpoint("ISSUER"),
            leeway=30,
            options={"require": list(require)},
        )
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise OAuth2Error("Invalid token from PSC") from exc
    # With several audiences, the token must have been issued to the portal.
    if isinstance(claims.get("aud"), list) and claims.get("azp", client_id) != client_id:
        raise OAuth2Error("Token issued to another party")
    jwtkit.verify_jti(claims)
    return claims


def nonce_matches(sociallogin) -> bool:
    """The nonce sent with the authorization request came back in the ID token."""
    sent = (sociallogin.state or {}).get(NONCE_STATE_KEY) or ""
    received = (sociallogin.account.extra_data.get("id_token") or {}).get("nonce") or ""
    return bool(sent) and constant_time_compare(sent, received)


class PSCProvider(OAuth2Provider):
    id = PROVIDER_ID
    name = "Pro Santé Connect"
    account_class = PSCAccount
    oauth2_adapter_class = PSCOAuth2Adapter
    pkce_enabled_default = True

    def get_pkce_params(self) -> dict:
        # PSC requires PKCE (S256): always on, whatever the settings say.
        return generate_code_challenge()

    def get_default_scope(self) -> list[str]:
        return list(SCOPE)

    def get_scope(self) -> list[str]:
        return list(SCOPE)

    def get_scope_from_request(self, request: HttpRequest) -> list[str]:
        # Not widened from the query string.
        return list(SCOPE)

    def get_auth_params(self) -> dict:
        return {"acr_values": settings.PSC_ACR_VALUES}

    def get_auth_params_from_request(self, request: HttpRequest, action) -> dict:
        # Not changed from the query string (allauth's `auth_params`).
        return self.get_auth_params()

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        nonce = get_random_string(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params["nonce"] = nonce
        kwargs[NONCE_STATE_KEY] = nonce
        return super().redirect(request, process, next_url, data, auth_params=auth_params, **kwargs)

    def extract_uid(self, data: dict) -> str:
        return str(data["userinfo"]["sub"])

    def extract_common_fields(self, data: dict) -> dict:
        identity = PSCIdentity.from_userinfo(data["userinfo"])
        return {
            "first_name": identity.first_name,
            "last_name": identity.last_name,
            "email": identity.email,
        }

    def extract_email_addresses(self, data: dict) -> list[EmailAddress]:
        # PSC does not guarantee an address, nor that it was verified: the
        # person confirms theirs by the portal's own e-mail.
        identity = PSCIdentity.from_userinfo(data["userinfo"])
        if not identity.email:
            return []
        return [EmailAddress(email=identity.email, verified=False, primary=True)]


def _adapter_view(view_class):
    def view(request: HttpRequest):
        try:
            return view_class.adapter_view(PSCOAuth2Adapter)(request)
        except SocialApp.DoesNotExist:
            # PSC is not configured: its pages do not exist.
            raise Http404 from None

    return view


oauth2_login = _adapter_view(OAuth2LoginView)
oauth2_callback = _adapter_view(OAuth2CallbackView)

provider_classes = [PSCProvider]
