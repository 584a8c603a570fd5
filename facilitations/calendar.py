"""The due dates of the follow-up actions assigned to the user, in their
calendar feed (gecolib/calendar.py)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import CalendarEvent, register_calendar_source

from .models import FollowUpAction


@register_calendar_source
def follow_up_due_dates(user, start: datetime.date):
    if not user.is_authenticated:
        return []
    actions = (
        FollowUpAction.objects.visible_to(user)
        .open()
        .filter(assignee=user, due_date__gte=start)
        .select_related("facilitation")
    )
    return [
        CalendarEvent(
            uid=f"followup-{action.pk}",
            summary=_("Action de suivi : %(title)s") % {"title": action.title},
            start=action.due_date,
            end=action.due_date + datetime.timedelta(days=1),
            url=absolute_url("facilitations:detail", pk=action.facilitation_id),
        )
        for action in actions
    ]
