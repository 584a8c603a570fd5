"""The portal's access gate: second factor and facilitators' charter."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .access import in_facilitator_area, needs_charter, needs_mfa
from .psc.session import psc_second_factor

# Pages a staff member or facilitator without a second factor may still open:
# to set it up (allauth's MFA pages and the password check they ask for), to
# leave, to read and accept the charter, the liveness probe and CSP reports.
MFA_SETUP_VIEWS = frozenset(
    {
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "charter",
        "charter_accept",
        # Pro Santé Connect: a sign-in through it, or the link to it, brings
        # the second factor (gecolib/psc/session.py).
        "psc_login",
        "psc_callback",
        "psc_link_pending",
        "healthz",
        "healthz_ready",
        # Browsers post CSP violation reports for any signed-in page.
        "csp_report",
    }
)


class AccessGateMiddleware:
    """Gate every resolved URL, so a view that forgets a decorator opens no hole.

    Rule, checked in `process_view` on the resolved URL (`request.resolver_match`):

    1. A signed-in staff member or facilitator who must activate a second
       factor (`needs_mfa`: GECOLIB_REQUIRE_MFA, no TOTP, and a session not
       opened through Pro Santé Connect with a sufficient `acr`) is redirected to
       `mfa_activate_totp` on every URL of every app, Django admin included,
       except the views named in `MFA_SETUP_VIEWS` and static/media files.
    2. A facilitator (not staff) who has not accepted the current charter is
       redirected to `charter_accept` on the facilitator areas. Each app
       declares its area in its `access` module (`register_facilitator_area`),
       by URL namespace and name: the whole `facilitations` namespace except a
       professional's own request pages (`request_create`, `request_list`,
       `request_detail`, `request_message`), and every `structures` page but
       the public directory.

    Roles (403) and objects (404) are checked by the views afterwards
    (`staff_required`, `facilitator_required`, the apps' lookups).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not (user.is_staff or user.is_facilitator):
            return None
        # How the session was opened (recorded at sign-in): through Pro Santé
        # Connect with a strong enough `acr`, it is the second factor.
        user.session_second_factor = psc_second_factor(request)
        match = request.resolver_match
        if match.view_name in MFA_SETUP_VIEWS or _is_file(request.path):
            return None
        if needs_mfa(user):
            messages.warning(
                request,
                _(
                    "Pour accéder à cet espace, activez d'abord la double authentification "
                    "(application d'authentification TOTP)."
                ),
            )
            return redirect("mfa_activate_totp")
        if in_facilitator_area(match) and needs_charter(user):
            messages.info(
                request,
                _("Acceptez la charte du facilitateur pour accéder à l'espace facilitateur."),
            )
            return redirect("charter_accept")
        return None


def _is_file(path: str) -> bool:
    prefixes = [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url]
    return any(path.startswith(prefix) for prefix in prefixes)


# Browser features the portal never uses, refused to every page and to anything
# a page might embed.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header that turns off the camera, microphone,
    location, payment and USB APIs (a view that sets its own keeps it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """Keep what a signed-in user sees out of every cache: `Cache-Control:
    private, no-store` on each response to them (pages, fragments, downloads).

    Directives a view already set stay (`never_cache`'s `no-cache`, a
    `max-age`); `public` is dropped. Static files never get here: WhiteNoise
    answers them earlier in the chain (and `_is_file` skips them in
    development)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_file(request.path):
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefuseNulBytesMiddleware:
    """Answer 400 to a request whose query string or form fields hold a NUL
    byte: no valid input of the portal contains one, PostgreSQL refuses them
    in text, and a view should not each have to guard against it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            raise BadRequest("NUL byte in the request's parameters")
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)
