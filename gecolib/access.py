"""Who may enter which part of the portal, in one place.

- `AccessGateMiddleware` (gecolib/middleware.py) sends staff and facilitators
  to the TOTP set-up while they have no second factor (`needs_mfa`), and
  facilitators who have not accepted the current charter to the charter, on
  the areas apps declare with `register_facilitator_area`.
- `staff_required` / `facilitator_required` are role checks only (403).
- Object-level access stays in each app's `visible_to(user)` querysets, used
  through the lookups of `<app>/access.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import ResolverMatch

from .registry import AppRegistry

FacilitatorArea = Callable[[ResolverMatch], bool]
_facilitator_areas: AppRegistry[FacilitatorArea] = AppRegistry("facilitator areas")
register_facilitator_area = _facilitator_areas.register
"""Decorator for a predicate of a resolved URL: True when the page belongs to
the facilitators' work, which a facilitator enters only after accepting the
current charter. Apps declare theirs in their `access` module."""


def in_facilitator_area(match: ResolverMatch) -> bool:
    return any(area(match) for area in _facilitator_areas)


def needs_mfa(user) -> bool:
    """True when this user must activate a second factor before going on.

    A session opened through Pro Santé Connect with a strong enough `acr`
    is a second factor itself: the access gate sets `session_second_factor`
    on the request's user from the session (gecolib/psc/session.py)."""
    if not settings.GECOLIB_REQUIRE_MFA or not user.is_authenticated:
        return False
    if not (user.is_staff or user.is_facilitator):
        return False
    if getattr(user, "session_second_factor", False):
        return False
    return not user.has_mfa()


def needs_charter(user) -> bool:
    """True for a facilitator (not staff) who has not accepted the current charter."""
    if not user.is_authenticated or user.is_staff or not user.is_facilitator:
        return False
    return not user.has_accepted_current_charter()


def staff_required(view):
    """Staff only (403 for anyone else signed in)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def facilitator_required(view):
    """Facilitators and staff only (403 for anyone else signed in)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_staff or user.is_facilitator):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# -- adherents -------------------------------------------------------------------------

AdherentSource = Callable[[object], bool]
_adherent_sources: AppRegistry[AdherentSource] = AppRegistry("adherent sources")
register_adherent_source = _adherent_sources.register
"""Decorator for a predicate of a user: True when an app knows them as an
adherent of the network (the hub registers "member of a structure"). The core
cannot know the structures; the guide's "adhérents" pages ask `is_adherent`."""


def is_adherent(user) -> bool:
    """Staff, facilitators, and whoever a registered source calls an adherent
    (the current members of a structure). Cached on the user object."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_gecolib_is_adherent", None)
    if cached is None:
        cached = bool(
            user.is_staff
            or user.is_facilitator
            or any(source(user) for source in _adherent_sources)
        )
        user._gecolib_is_adherent = cached
    return cached
