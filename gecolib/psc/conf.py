"""Pro Santé Connect's settings: the two environments' endpoints, each
overridable by its own variable (the sandbox hosts can change without a
release), and whether PSC is configured at all.

Read by gecolib/settings.py (no Django import here) and, at run time, from
`django.conf.settings` so that a test can override them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

ENVIRONMENTS = ("sandbox", "production")

# The authorization endpoint is on the wallet's host; token, userinfo, JWKS
# and logout are under the issuer (Keycloak's realm).
_HOSTS = {
    "sandbox": ("auth.bas.psc.esante.gouv.fr", "wallet.bas.psc.esante.gouv.fr"),
    "production": ("auth.esw.esante.gouv.fr", "wallet.esw.esante.gouv.fr"),
}
ENDPOINT_NAMES = (
    "ISSUER",
    "AUTHORIZATION_URL",
    "TOKEN_URL",
    "USERINFO_URL",
    "JWKS_URL",
    "LOGOUT_URL",
)

# PSC's levels of assurance, weakest first; a session satisfies the portal's
# second factor when its `acr` is at least `PSC_MIN_ACR`.
ACR_LEVELS = ("eidas1", "eidas2", "eidas3")


def endpoints(environment: str, overrides: dict[str, str]) -> dict[str, str]:
    """The endpoints of `environment`, each replaced by a non-empty override
    (keys of `ENDPOINT_NAMES`). The issuer given alone moves the endpoints
    under it; the authorization URL stays on the wallet's host unless given."""
    if environment not in ENVIRONMENTS:
        raise ValueError(
            f"PSC_ENVIRONMENT must be one of {', '.join(ENVIRONMENTS)}, got {environment!r}"
        )
    auth_host, wallet_host = _HOSTS[environment]
    issuer = (overrides.get("ISSUER") or f"https://{auth_host}/auth/realms/esante-wallet").rstrip(
        "/"
    )
    protocol = f"{issuer}/protocol/openid-connect"
    defaults = {
        "ISSUER": issuer,
        "AUTHORIZATION_URL": f"https://{wallet_host}/auth",
        "TOKEN_URL": f"{protocol}/token",
        "USERINFO_URL": f"{protocol}/userinfo",
        "JWKS_URL": f"{protocol}/certs",
        "LOGOUT_URL": f"{protocol}/logout",
    }
    return {name: overrides.get(name) or defaults[name] for name in ENDPOINT_NAMES}


def acr_satisfies(acr: str | None, minimum: str) -> bool:
    """True when `acr` is a known level at least as strong as `minimum`."""
    if not acr or acr not in ACR_LEVELS or minimum not in ACR_LEVELS:
        return False
    return ACR_LEVELS.index(acr) >= ACR_LEVELS.index(minimum)


def is_configured(settings) -> bool:
    return bool(
        getattr(settings, "PSC_CLIENT_ID", "") and getattr(settings, "PSC_CLIENT_SECRET", "")
    )


def form_action_origins(endpoints_: dict[str, str]) -> list[str]:
    """The origins the portal's forms lead to through a redirect (the PSC
    button to the authorization endpoint, signing out to the logout one):
    browsers check the Content-Security-Policy's `form-action` on them too."""
    origins = []
    for name in ("AUTHORIZATION_URL", "LOGOUT_URL"):
        parts = urlsplit(endpoints_[name])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins
