"""Forms of the RCPs: meetings, agenda, minutes and decisions, filters."""

from .agenda import AgendaItemForm, AnswerForm, AttendanceForm, InviteesForm
from .decisions import AmendForm, DecisionCloseForm, DecisionFilter, DecisionForm, MinutesForm
from .meetings import MeetingEditForm, MeetingForm, YearForm

__all__ = [
    "AgendaItemForm",
    "AmendForm",
    "AnswerForm",
    "AttendanceForm",
    "DecisionCloseForm",
    "DecisionFilter",
    "DecisionForm",
    "InviteesForm",
    "MeetingEditForm",
    "MeetingForm",
    "MinutesForm",
    "YearForm",
]
