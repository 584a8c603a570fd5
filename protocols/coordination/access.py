"""Access to the coordination protocols, in one place (see gecolib/access.py).

`Protocol.objects.visible_to(user)` decides what one reads — the team around
the structure (current members, the structure's facilitators, staff) and, for
every signed-in user, what is shared with the network. Coordinators and
référents edit, and the members they name as a protocol's authors. What one
may not see is a 404; what one reads but may not change is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area
from structures.access import get_structure
from structures.models import Structure

from .models import Protocol, ValidationAnswer
from .models.querysets import editor_structures_q
from .models.validation import current_member_ids


def get_protocol(request: HttpRequest, pk: int, *, edit: bool = False) -> Protocol:
    """A protocol the team around its structure reads (404 otherwise);
    `edit=True` then requires the right to edit it (403 otherwise)."""
    protocols = Protocol.objects.visible_to(request.user).of_team(request.user)
    protocol = get_object_or_404(protocols.select_related("structure"), pk=pk)
    if edit and not can_edit(request.user, protocol):
        raise PermissionDenied
    return protocol


def get_own_answer(request: HttpRequest, round_pk: int) -> ValidationAnswer:
    """The signed-in member's row in a request for validation (`round_pk`) of
    a protocol of their team: only the members asked in that round who are
    still current members of the structure (404 for anyone else)."""
    user = request.user
    answer = get_object_or_404(
        ValidationAnswer.objects.select_related(
            "round__protocol__structure", "round__requested_by", "round__revision", "member"
        ),
        round__pk=round_pk,
        round__protocol__in=Protocol.objects.visible_to(user).of_team(user),
        member=user,
    )
    if user.pk not in current_member_ids(answer.round.protocol.structure):
        raise Http404
    return answer


def get_shared_protocol(request: HttpRequest, pk: int) -> Protocol:
    """A protocol of the network library."""
    protocols = Protocol.objects.visible_to(request.user).shared_with_network()
    return get_object_or_404(protocols.select_related("structure"), pk=pk)


def may_read(user, protocol: Protocol) -> bool:
    """Whether `user` reads `protocol` as part of its team now: the rule of
    the pages (`get_protocol`), for those the e-mails are sent to."""
    return (
        user.is_active
        and Protocol.objects.visible_to(user).of_team(user).filter(pk=protocol.pk).exists()
    )


def readers_among(users, protocol: Protocol) -> list:
    """The users among `users` who may read `protocol` now: every e-mail about
    a protocol goes only to them (a member who left, a facilitator whose
    assignment ended, get nothing)."""
    return [user for user in users if may_read(user, protocol)]


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
