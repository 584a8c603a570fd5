"""Core models, one module per concept: the user and their roles
(accounts), professions, territories, the charter, the notifications (kept
until sent, idempotent) and reminder preferences, one-time form tokens,
background exports and personal calendar feeds.

Every model is importable from `gecolib.models`, as Django and the apps expect."""

from ..contact import ContactMessage
from .accounts import User, UserManager
from .calendar_feeds import CalendarFeedToken
from .charter import Charter, CharterAcceptance
from .exports import ExportJob
from .idempotency import FormSubmission
from .notifications import (
    NOTIFICATION_MAX_ATTEMPTS,
    ReminderOptOut,
    SentNotification,
    SentNotificationQuerySet,
)
from .professions import Profession
from .territories import EPCI, Commune, Department, Region

__all__ = [
    "EPCI",
    "NOTIFICATION_MAX_ATTEMPTS",
    "CalendarFeedToken",
    "Charter",
    "CharterAcceptance",
    "Commune",
    "ContactMessage",
    "Department",
    "ExportJob",
    "FormSubmission",
    "Profession",
    "Region",
    "ReminderOptOut",
    "SentNotification",
    "SentNotificationQuerySet",
    "User",
    "UserManager",
]
