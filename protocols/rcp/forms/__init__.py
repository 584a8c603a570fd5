"""Forms of the RCPs: meetings, agenda, minutes and decisions, filters."""

from .agenda import AgendaItemForm, AnswerForm, AttendanceForm, InviteesForm
from .decisions import (
    DecisionCloseForm,
    DecisionFilter,
    DecisionForm,
    DecisionRowForm,
    MinutesAmendForm,
    MinutesForm,
)
from .guests import GuestForm
from .meetings import MeetingEditForm, MeetingForm, YearForm

__all__ = [
    "AgendaItemForm",
    "AnswerForm",
    "AttendanceForm",
    "DecisionCloseForm",
    "DecisionFilter",
    "DecisionForm",
    "DecisionRowForm",
    "GuestForm",
    "InviteesForm",
    "MeetingEditForm",
    "MeetingForm",
    "MinutesAmendForm",
    "MinutesForm",
    "YearForm",
]
