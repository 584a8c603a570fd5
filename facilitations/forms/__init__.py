"""Forms of the facilitation workflow, by concept: a professional's request,
staff triage and the binôme, the session log (sessions, follow-ups, closing),
the statistics period, and the list filters."""

from .feedback import FeedbackAnswerForm, QuestionnaireForm
from .filters import TriageFilter, WorkspaceFilter
from .log import (
    COMMON_PROFESSION_CODES,
    BaseFollowUpFormSet,
    CloseForm,
    FollowUpForm,
    FollowUpFormSet,
    NewFollowUpForm,
    SessionForm,
)
from .requests import EpciChoiceField, FacilitationRequestForm, RequestMessageForm
from .stats import PeriodForm
from .triage import AcceptForm, BinomeForm, DeclineForm, FacilitatorChoiceField, RedirectForm

__all__ = [
    "COMMON_PROFESSION_CODES",
    "AcceptForm",
    "BaseFollowUpFormSet",
    "BinomeForm",
    "CloseForm",
    "DeclineForm",
    "EpciChoiceField",
    "FacilitationRequestForm",
    "FacilitatorChoiceField",
    "FeedbackAnswerForm",
    "FollowUpForm",
    "FollowUpFormSet",
    "NewFollowUpForm",
    "PeriodForm",
    "QuestionnaireForm",
    "RedirectForm",
    "RequestMessageForm",
    "SessionForm",
    "TriageFilter",
    "WorkspaceFilter",
]
