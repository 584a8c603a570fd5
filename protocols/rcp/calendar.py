"""The RCPs in a person's calendar feed: the meetings they are invited to
(cancelled ones stay, marked cancelled, so calendars drop them) and the due
dates of their open decisions.

The feed is read without signing in (a secret URL): it carries the meeting's
title, date, place and link, never a decision's text. An event whose dates
cannot be written (out of the portal's range, left by an older version) is
logged and skipped: one bad row never breaks the whole feed."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import PARIS, CalendarEvent, register_calendar_source
from gecolib.team_data import date_in_range

from .models import Decision, Meeting, organizer_emails

logger = logging.getLogger(__name__)


def _events(rows: Iterable, build: Callable[..., CalendarEvent]) -> list[CalendarEvent]:
    events = []
    for row in rows:
        try:
            event = build(row)
            writable = all(
                value is None or date_in_range(value) for value in (event.start, event.end)
            )
        except (OverflowError, ValueError):
            writable = False
        if writable:
            events.append(event)
        else:
            logger.warning(
                "RCP calendar event skipped, date out of range: %s %s", type(row).__name__, row.pk
            )
    return events


@register_calendar_source
def rcp_meetings(user, start: datetime.date):
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS)
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(invitees__user=user, starts_at__gte=since)
        .select_related("structure")
    )
    organizers = organizer_emails(meetings)
    return _events(
        meetings, lambda meeting: meeting.calendar_event(organizer=organizers[meeting.pk])
    )


def decision_event(decision: Decision) -> CalendarEvent:
    meeting = decision.meeting
    return CalendarEvent(
        uid=f"rcp-decision-{decision.pk}",
        summary=_("Échéance d'une décision de la %(named)s") % {"named": meeting.named},
        start=decision.due_date,
        end=decision.due_date + datetime.timedelta(days=1),
        description=meeting.structure.name,
        url=absolute_url("rcp:meeting", pk=decision.meeting_id),
    )


@register_calendar_source
def rcp_decisions(user, start: datetime.date):
    decisions = (
        Decision.objects.visible_to(user)
        .open()
        .owned_by(user)
        .filter(due_date__gte=start)
        .select_related("meeting__structure")
    )
    return _events(decisions, decision_event)
