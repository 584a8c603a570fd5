"""Facilitation requests, facilitations and their binôme, the session log and follow-ups."""

from .facilitation import Assignment, Facilitation, FacilitationQuerySet
from .feedback import (
    FeedbackAnswer,
    FeedbackInvitation,
    FeedbackQuestionnaire,
    FeedbackQuestionnaireRevision,
)
from .log import FollowUpAction, FollowUpQuerySet, Session, SessionParticipation, SessionQuerySet
from .messages import RequestMessage, RequestReadMark
from .reference import HelpType, Need
from .requests import FacilitationRequest, FacilitationRequestQuerySet

__all__ = [
    "Assignment",
    "Facilitation",
    "FacilitationQuerySet",
    "FacilitationRequest",
    "FacilitationRequestQuerySet",
    "FeedbackAnswer",
    "FeedbackInvitation",
    "FeedbackQuestionnaire",
    "FeedbackQuestionnaireRevision",
    "FollowUpAction",
    "FollowUpQuerySet",
    "HelpType",
    "Need",
    "RequestMessage",
    "RequestReadMark",
    "Session",
    "SessionParticipation",
    "SessionQuerySet",
]
