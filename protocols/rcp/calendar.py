"""The RCPs in a person's calendar feed: the meetings they are invited to
(cancelled ones stay, marked cancelled, so calendars drop them) and the due
dates of their open decisions."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import PARIS, CalendarEvent, register_calendar_source

from .models import Decision, Meeting


@register_calendar_source
def rcp_meetings(user, start: datetime.date):
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(invitees__user=user, starts_at__gte=since)
        .select_related("structure")
    )
    return [meeting.calendar_event() for meeting in meetings]


@register_calendar_source
def rcp_decisions(user, start: datetime.date):
    decisions = (
        Decision.objects.visible_to(user)
        .open()
        .owned_by(user)
        .filter(due_date__gte=start)
        .select_related("meeting__structure")
    )
    return [
        CalendarEvent(
            uid=f"rcp-decision-{decision.pk}",
            summary=_("Échéance RCP : %(text)s") % {"text": decision.text},
            start=decision.due_date,
            end=decision.due_date + datetime.timedelta(days=1),
            description=decision.meeting.structure.name,
            url=absolute_url("rcp:meeting", pk=decision.meeting_id),
        )
        for decision in decisions
    ]
