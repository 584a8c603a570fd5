"""Access to the protocols app, in one place (see gecolib/access.py).

Coordination protocols: `Protocol.objects.visible_to(user)` decides what one
reads — the team around the structure (current members, the structure's
facilitators, staff) and, for every signed-in user, what is shared with the
network. Coordinators and référents edit, and the members they name as a
protocol's authors. What one may not see is a 404; what one reads but may not
change is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area
from structures.access import get_structure
from structures.models import Membership, Structure

from .models import Protocol
from .models.cooperation import CooperationDeclaration
from .models.cooperation.declarations import EDITOR_ROLES
from .models.coordination import editor_structures_q

# -- coordination protocols ----------------------------------------------------------


def get_protocol(request: HttpRequest, pk: int, *, edit: bool = False) -> Protocol:
    """A protocol the team around its structure reads (404 otherwise);
    `edit=True` then requires the right to edit it (403 otherwise)."""
    protocols = Protocol.objects.visible_to(request.user).of_team(request.user)
    protocol = get_object_or_404(protocols.select_related("structure"), pk=pk)
    if edit and not can_edit(request.user, protocol):
        raise PermissionDenied
    return protocol


def get_shared_protocol(request: HttpRequest, pk: int) -> Protocol:
    """A protocol of the network library."""
    protocols = Protocol.objects.visible_to(request.user).shared_with_network()
    return get_object_or_404(protocols.select_related("structure"), pk=pk)


def can_edit(user, protocol: Protocol) -> bool:
    return Protocol.objects.editable_by(user).filter(pk=protocol.pk).exists()


def creator_structures(user):
    """Structures where `user` may start a protocol: coordinators and référents."""
    if not user.is_authenticated:
        return Structure.objects.none()
    return Structure.objects.filter(editor_structures_q(user))


def can_create(user, structure: Structure) -> bool:
    return creator_structures(user).filter(pk=structure.pk).exists()


def get_protocol_structure(request: HttpRequest, pk: int, *, create: bool = False) -> Structure:
    """The structure whose protocols the team reads (404 otherwise); `create=True`
    requires being one of its coordinators or référents (403 otherwise)."""
    structure = get_structure(request, pk, private=True)
    if create and not can_create(request.user, structure):
        raise PermissionDenied
    return structure


@register_facilitator_area
def protocol_pages(match: ResolverMatch) -> bool:
    """A structure's protocols: a facilitator may come as the structure's
    facilitator, so the charter is asked for (as on the structure's pages)."""
    return match.namespace == "protocols" and (match.url_name or "").startswith("protocol_")


# -- national cooperation protocols ----------------------------------------------------
# Read: whoever reads the structure's private data (its current members, the
# facilitators of its facilitations, staff). Write: its current coordinators
# and référents. Recording a new declaration to the ARS: them, or staff.


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


def is_cooperation_catalogue(url_name: str) -> bool:
    """The national catalogue's pages: reference data, no structure's data."""
    return url_name == "cooperation_catalogue" or url_name.startswith("cooperation_protocol")


@register_facilitator_area
def cooperation_pages(match: ResolverMatch) -> bool:
    """The structures' cooperation pages, read by their facilitators: after the charter."""
    name = match.url_name or ""
    return (
        match.namespace == "protocols"
        and name.startswith("cooperation_")
        and not is_cooperation_catalogue(name)
    )
