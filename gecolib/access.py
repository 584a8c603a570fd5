"""Role checks shared by every app.

Staff and facilitator pages go through `staff_required` / `facilitator_required`:
they send a user without a second factor (when GECOLIB_REQUIRE_MFA is on) to
the TOTP activation page, and a facilitator who has not accepted the current
charter to the charter page. Object-level access stays in each app's
`visible_to(user)` querysets.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def needs_mfa(user) -> bool:
    """True when this user must activate a second factor before going on."""
    if not settings.GECOLIB_REQUIRE_MFA or not user.is_authenticated:
        return False
    if not (user.is_staff or user.is_facilitator):
        return False
    return not user.has_mfa()


def _mfa_redirect(request):
    messages.warning(
        request,
        _(
            "Pour accéder à cet espace, activez d'abord la double authentification "
            "(application d'authentification TOTP)."
        ),
    )
    return redirect("mfa_activate_totp")


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        if needs_mfa(request.user):
            return _mfa_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def facilitator_required(view):
    """Facilitators (who accepted the current charter) and staff."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_staff or user.is_facilitator):
            raise PermissionDenied
        if needs_mfa(user):
            return _mfa_redirect(request)
        if user.is_facilitator and not user.is_staff and not user.has_accepted_current_charter():
            messages.info(
                request,
                _("Acceptez la charte du facilitateur pour accéder à l'espace facilitateur."),
            )
            return redirect("charter_accept")
        return view(request, *args, **kwargs)

    return wrapper


def facilitator_gate(request):
    """For views open to several roles (e.g. a facilitation page seen by the
    team and the binôme): returns a redirect response when a facilitator or
    staff member must first activate MFA or accept the charter, else None."""
    user = request.user
    if not user.is_authenticated or not (user.is_staff or user.is_facilitator):
        return None
    if needs_mfa(user):
        return _mfa_redirect(request)
    if user.is_facilitator and not user.is_staff and not user.has_accepted_current_charter():
        return redirect("charter_accept")
    return None


def facilitator_gated(view):
    """For views open to several roles: facilitators and staff pass the MFA and
    charter gate (`facilitator_gate`) first; other users go straight through."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = facilitator_gate(request)
        if response is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapper
