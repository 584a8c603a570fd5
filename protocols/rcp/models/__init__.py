"""Models of the rcp app, one module per concept."""

from .agenda import AgendaItem, CaseCounter, allocate_case_label
from .decisions import Decision, MinutesRevision
from .invitees import Invitee, invitees_prefetch
from .meetings import (
    ORGANISER_ROLES,
    Meeting,
    MeetingSeries,
    check_team_data,
    organised_structure_ids,
    organizer_emails,
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
    "check_team_data",
    "invitees_prefetch",
    "organised_structure_ids",
    "organizer_emails",
    "structures_with_rcp_visible_to",
]
