"""Reminders of the RCPs (see gecolib/reminders.py): the agenda sent 7 days
before when nobody did, the meeting tomorrow, the minutes still not written 3
and 7 days after (to the organisers), a decision due in 3 days or overdue (to
its owner). Each is sent once: the key holds the date reminded of. Each goes
only to those who read its meeting or decision now (`recipients.py`), and
says the meeting's title, date and place with a link — never a decision's
text. The minutes-late reminders also erase the e-mail addresses of the
meeting's outside guests, if the minutes' validation has not done it yet
(models/guests.py)."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import PARIS
from gecolib.reminders import DueDateReminder, ReminderKind, register_reminder

from . import invitations
from .enums import Answer
from .models import Decision, Invitee, Meeting, erase_guest_emails
from .recipients import (
    decision_reminder_recipients,
    meeting_tomorrow_recipients,
    minutes_late_recipients,
    organisers_prefetch,
)

AGENDA_DAYS_BEFORE = 7
DECISION_DUE_SOON_DAYS = 3


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)


@register_reminder
class AgendaNotSent(ReminderKind):
    """Seven days before, the agenda and invitations go out by themselves if
    no organiser sent them: the HAS asks for an agenda sent in advance."""

    code = "rcp_agenda_auto"
    label = _("Ordre du jour d'une RCP envoyé automatiquement 7 jours avant")
    optional = False
    template = "rcp/emails/agenda"

    def due(self, today: datetime.date):
        until = _midnight(today + datetime.timedelta(days=AGENDA_DAYS_BEFORE + 1))
        return (
            Meeting.objects.upcoming()
            .filter(agenda_sent_at__isnull=True, starts_at__lt=until)
            .select_related("structure")
        )

    def recipients(self, meeting: Meeting):
        return []  # each invited member gets their own e-mail (invitations.send_agenda)

    def target_date(self, meeting: Meeting) -> datetime.date:
        return meeting.date

    def context(self, meeting: Meeting) -> dict:
        return {}

    def deliver(self, meeting: Meeting, addresses: list[str], key: str) -> bool:
        return invitations.send_agenda(meeting, automatic=True).total > 0


@register_reminder
class MeetingTomorrow(ReminderKind):
    code = "rcp_meeting_tomorrow"
    label = _("RCP le lendemain")
    template = "rcp/emails/meeting_tomorrow"

    def due(self, today: datetime.date):
        invitees = Invitee.objects.exclude(answer=Answer.EXCUSED).select_related("user")
        return (
            Meeting.objects.scheduled()
            .on_date(today + datetime.timedelta(days=1))
            .select_related("structure")
            .prefetch_related(Prefetch("invitees", queryset=invitees, to_attr="reminded"))
        )

    def recipients(self, meeting: Meeting):
        return meeting_tomorrow_recipients(meeting)

    def target_date(self, meeting: Meeting) -> datetime.date:
        return meeting.date

    def context(self, meeting: Meeting) -> dict:
        return {"meeting": meeting, "meeting_url": absolute_url(meeting)}


class MinutesLate(ReminderKind):
    """The minutes of a held RCP are still not validated `days` days after."""

    days = 3
    template = "rcp/emails/minutes_late"

    def due(self, today: datetime.date):
        return (
            Meeting.objects.scheduled()
            .filter(
                # A day or two of slack, should the daily job not run one day.
                starts_at__gte=_midnight(today - datetime.timedelta(days=self.days + 2)),
                starts_at__lt=_midnight(today - datetime.timedelta(days=self.days - 1)),
                minutes_validated_at__isnull=True,
            )
            .select_related("structure")
            .prefetch_related(organisers_prefetch())
        )

    def recipients(self, meeting: Meeting):
        return minutes_late_recipients(meeting)

    def target_date(self, meeting: Meeting) -> datetime.date:
        return meeting.date + datetime.timedelta(days=self.days)

    def context(self, meeting: Meeting) -> dict:
        return {"meeting": meeting, "days": self.days, "meeting_url": absolute_url(meeting)}

    def deliver(self, meeting: Meeting, addresses: list[str], key: str) -> bool:
        # Days after the meeting: its outside guests' e-mails served their purpose.
        erase_guest_emails(meeting.guests.all())
        return super().deliver(meeting, addresses, key)


@register_reminder
class MinutesLate3(MinutesLate):
    code = "rcp_minutes_late_3"
    label = _("Compte rendu de RCP non validé 3 jours après (coordinateurs et référents)")
    days = 3


@register_reminder
class MinutesLate7(MinutesLate):
    code = "rcp_minutes_late_7"
    label = _("Compte rendu de RCP non validé 7 jours après (coordinateurs et référents)")
    days = 7


class DecisionReminder(DueDateReminder):
    """A decision's due date, reminded to its owner."""

    def items(self):
        return Decision.objects.open().select_related("owner", "meeting__structure")

    def recipients(self, decision: Decision):
        return decision_reminder_recipients(decision)

    def context(self, decision: Decision) -> dict:
        return {"decision": decision, "meeting_url": absolute_url(decision.meeting)}


@register_reminder
class DecisionDueSoon(DecisionReminder):
    code = "rcp_decision_due"
    label = _("Décision de RCP à échéance dans 3 jours")
    template = "rcp/emails/decision_due"
    soon_days = (0, DECISION_DUE_SOON_DAYS)


@register_reminder
class DecisionOverdue(DecisionReminder):
    """Once the due date has passed: once per decision and due date."""

    code = "rcp_decision_overdue"
    label = _("Décision de RCP en retard")
    template = "rcp/emails/decision_overdue"
    overdue = True
