"""Models of the rcp app, one module per concept."""

from .agenda import AgendaItem, CaseCounter, allocate_case_label
from .decisions import Decision, MinutesRevision
from .meetings import (
    ORGANISER_ROLES,
    Invitee,
    Meeting,
    MeetingSeries,
    invitees_prefetch,
    organised_structure_ids,
    structures_with_rcp_visible_to,
)

__all__ = [
    "ORGANISER_ROLES",
    "AgendaItem",
    "CaseCounter",
    "Decision",
    "Invitee",
    "Meeting",
    "MeetingSeries",
    "MinutesRevision",
    "allocate_case_label",
    "invitees_prefetch",
    "organised_structure_ids",
    "structures_with_rcp_visible_to",
]
