"""Models of the rcp app, one module per concept."""

from .agenda import AgendaItem, CaseCounter, allocate_case_label
from .decisions import Decision, MinutesRevision
from .guests import Guest, erase_guest_emails
from .invitees import Invitee, invitees_prefetch
from .meetings import (
    CHANGE_DATE,
    CHANGE_FIELDS,
    CHANGE_PLACE,
    CHANGE_TIME,
    ORGANISER_ROLES,
    Meeting,
    MeetingSeries,
    check_team_data,
    organised_structure_ids,
    organizer_emails,
    structures_with_rcp_visible_to,
)

__all__ = [
    "CHANGE_DATE",
    "CHANGE_FIELDS",
    "CHANGE_PLACE",
    "CHANGE_TIME",
    "ORGANISER_ROLES",
    "AgendaItem",
    "CaseCounter",
    "Decision",
    "Guest",
    "Invitee",
    "Meeting",
    "MeetingSeries",
    "MinutesRevision",
    "allocate_case_label",
    "erase_guest_emails",
    "check_team_data",
    "invitees_prefetch",
    "organised_structure_ids",
    "organizer_emails",
    "structures_with_rcp_visible_to",
]
