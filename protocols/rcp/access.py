"""Access to RCPs, in one place. A structure's current members see its
meetings and decisions; its coordinators and référents organise them and
validate the minutes; its current binôme (facilitators whose assignment is
open) and staff read. Anybody else — a member who left, a facilitator whose
assignment ended — gets a 404; a reader who tries to organise, a 403
(`models.structures_with_rcp_visible_to`). The e-mails follow the same rule
(`recipients.py`). Also declares the RCP pages as a facilitator area
(charter gate), except the members' answer link of the e-mails. (An
outside guest's link stays inside it: a guest has no account, and the gate
asks only signed-in facilitators for the charter.)"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area
from structures.models import Membership, Structure

from .models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    organised_structure_ids,
    structures_with_rcp_visible_to,
)


def can_organise(user, structure: Structure) -> bool:
    if not user.is_authenticated:
        return False
    return organised_structure_ids(user).filter(structure_id=structure.pk).exists()


def get_rcp_structure(request: HttpRequest, pk: int, *, organise: bool = False) -> Structure:
    structure = get_object_or_404(
        structures_with_rcp_visible_to(request.user).select_related("commune__department"), pk=pk
    )
    if organise and not can_organise(request.user, structure):
        raise PermissionDenied
    return structure


def get_meeting(request: HttpRequest, pk: int, *, organise: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("structure", "series"), pk=pk
    )
    if organise and not can_organise(request.user, meeting.structure):
        raise PermissionDenied
    return meeting


def get_series(request: HttpRequest, pk: int) -> MeetingSeries:
    """A series of meetings of a structure whose RCPs `request.user` reads."""
    return get_object_or_404(
        MeetingSeries.objects.filter(
            structure__in=structures_with_rcp_visible_to(request.user)
        ).select_related("structure"),
        pk=pk,
    )


def is_member(user, structure: Structure) -> bool:
    """A current member of the structure (whatever the role): who may propose
    agenda items. Its binôme and staff read its RCPs but propose nothing."""
    if not user.is_authenticated:
        return False
    return Membership.objects.current().filter(user=user, structure_id=structure.pk).exists()


def get_item(request: HttpRequest, pk: int) -> AgendaItem:
    """An agenda item of a meeting `request.user` reads (404 otherwise)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    item.meeting = get_meeting(request, item.meeting_id)
    return item


def can_edit_item(user, item: AgendaItem) -> bool:
    """An organiser, or the item's proposer or presenter while it may still
    change (`AgendaItem.editable_by_author`)."""
    if can_organise(user, item.meeting.structure):
        return True
    return item.is_authored_by(user) and item.editable_by_author()


def get_decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(
        Decision.objects.visible_to(request.user).select_related(
            "meeting__structure", "owner__profession", "item"
        ),
        pk=pk,
    )


def can_close_decision(user, decision: Decision) -> bool:
    """Its owner, or an organiser of the structure."""
    return decision.owner_id == user.pk or can_organise(user, decision.meeting.structure)


@register_facilitator_area
def rcp_pages(match: ResolverMatch) -> bool:
    return match.namespace == "rcp" and match.url_name != "answer"
