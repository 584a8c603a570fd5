"""Access to the national cooperation protocols, in one place (see gecolib/access.py).

Read: whoever reads the structure's private data (its current members, the
facilitators of its facilitations, staff). Write: its current coordinators
and référents. Recording a new declaration to the ARS: them, or staff. The
national catalogue is reference data, read by every signed-in user and kept
by staff.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area
from structures.access import get_structure
from structures.models import Membership, Structure

from .models import CooperationDeclaration
from .models.declarations import EDITOR_ROLES


def can_edit_cooperation(user, structure: Structure) -> bool:
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.current()
        .filter(user=user, structure=structure, role__in=EDITOR_ROLES)
        .exists()
    )


def get_cooperation_structure(request: HttpRequest, pk: int, *, write: bool = False) -> Structure:
    """The structure whose cooperation `request.user` reads (404 otherwise);
    `write=True` also requires the right to edit it (403)."""
    structure = get_structure(request, pk, private=True)
    if write and not can_edit_cooperation(request.user, structure):
        raise PermissionDenied
    return structure


def get_declaration(
    request: HttpRequest, pk: int, *, write: bool = False, staff_may: bool = False
) -> CooperationDeclaration:
    """A declaration `request.user` may read (404 otherwise). `write=True`
    requires a coordinator or référent of the structure (or staff when
    `staff_may`), 403 otherwise."""
    declaration = get_object_or_404(
        CooperationDeclaration.objects.visible_to(request.user).select_related(
            "structure__commune__department", "protocol__delegant_profession"
        ),
        pk=pk,
    )
    if write:
        allowed = can_edit_cooperation(request.user, declaration.structure) or (
            staff_may and request.user.is_staff
        )
        if not allowed:
            raise PermissionDenied
    return declaration


def may_read(user, declaration: CooperationDeclaration) -> bool:
    """Whether `user` reads `declaration` now: the rule of the pages
    (`get_declaration`), for those the e-mails are sent to."""
    return (
        user.is_active
        and CooperationDeclaration.objects.visible_to(user).filter(pk=declaration.pk).exists()
    )


def readers_among(users, declaration: CooperationDeclaration) -> list:
    """The users among `users` who may read `declaration` now: every e-mail
    about a declaration goes only to them (a délégué who left the structure,
    a former coordinator, get nothing)."""
    return [user for user in users if may_read(user, declaration)]


def is_catalogue(url_name: str) -> bool:
    """The national catalogue's pages: reference data, no structure's data."""
    return url_name == "catalogue" or url_name.startswith("protocol")


@register_facilitator_area
def cooperation_pages(match: ResolverMatch) -> bool:
    """The structures' cooperation pages, read by their facilitators: after the charter."""
    return match.namespace == "cooperation" and not is_catalogue(match.url_name or "")
