"""Facilitation requests, facilitations and their binôme, the session log and follow-ups."""

from .facilitation import Assignment, Facilitation, FacilitationQuerySet
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
