"""Access to the self-assessments, in one place.

- A campaign, its synthesis, its plan and its PDF are read by whoever reads
  the structure's private data (`Campaign.objects.visible_to`: current
  members, the facilitators of its facilitations, staff); anyone else gets
  a 404.
- Opening, closing, recording the consensus and writing the plan are for
  the structure's coordinators, the current binôme of its facilitations and
  staff (`structures_managed_for_assessments`); the other readers get a 403.
- Answering is for the members invited to the campaign (its participants),
  and an answer is read by its author only: no page shows another person's
  answers, whatever their role (the synthesis counts them, without names).
- The grids are staff's reference data (`staff_required` on their pages).

Also declares the self-assessment pages as a facilitator area: a
facilitator reads them once they accepted the charter.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area
from structures.access import get_structure
from structures.models import Structure

from .models import Action, Campaign, Participant, structures_managed_for_assessments


def can_manage(user, structure_id: int) -> bool:
    return structures_managed_for_assessments(user).filter(pk=structure_id).exists()


def get_assessed_structure(request: HttpRequest, pk: int, *, manage: bool = False) -> Structure:
    structure = get_structure(request, pk, private=True)
    if manage and not can_manage(request.user, structure.pk):
        raise PermissionDenied
    return structure


def get_campaign(request: HttpRequest, pk: int, *, manage: bool = False) -> Campaign:
    campaigns = Campaign.objects.visible_to(request.user).select_related("structure", "grid")
    campaign = get_object_or_404(campaigns, pk=pk)
    if manage and not can_manage(request.user, campaign.structure_id):
        raise PermissionDenied
    return campaign


def get_participation(request: HttpRequest, pk: int) -> Participant:
    """The signed-in member's invitation to campaign `pk`: 404 for who does
    not read the campaign, 403 for a reader who was not invited."""
    campaign = get_campaign(request, pk)
    participation = (
        Participant.objects.filter(campaign=campaign, user=request.user)
        .select_related("campaign__structure", "campaign__grid")
        .first()
    )
    if participation is None:
        raise PermissionDenied
    return participation


def get_action(request: HttpRequest, pk: int) -> Action:
    """An action of the plan, for its owner or whoever manages the campaign
    (403 for the other readers, 404 for the rest)."""
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("campaign__structure", "owner"),
        pk=pk,
    )
    if action.owner_id != request.user.pk and not can_manage(
        request.user, action.campaign.structure_id
    ):
        raise PermissionDenied
    return action


@register_facilitator_area
def assessment_pages(match: ResolverMatch) -> bool:
    return match.namespace == "assessments"
