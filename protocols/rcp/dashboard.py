"""The dashboard panel of the RCPs: one's next meetings and open decisions,
and — for those who organise a structure's RCPs — the agenda items members
proposed, to examine (also in the dashboard's « À faire » list)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels
from gecolib.templatetags.french_dates import date_fr
from gecolib.todos import Todo, register_todos

from .models import AgendaItem, Decision, Meeting
from .reminders import AGENDA_DAYS_BEFORE

PROPOSALS_SHOWN = 8


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    decisions = list(
        Decision.objects.visible_to(user)
        .open()
        .owned_by(user)
        .select_related("meeting")
        .order_by("due_date")[:8]
    )
    upcoming = list(
        Meeting.objects.visible_to(user)
        .upcoming()
        .filter(invitees__user=user)
        .select_related("structure")[:3]
    )
    proposals = list(AgendaItem.objects.to_review_by(user)[:PROPOSALS_SHOWN])
    if not decisions and not upcoming and not proposals:
        return []
    return [
        (
            "rcp/_panel.html",
            {"decisions": decisions, "upcoming": upcoming, "proposals": proposals},
        )
    ]


@register_todos
def todos(user) -> list[Todo]:
    """For organisers: each proposed item to accept or decline before the
    agenda leaves (one query)."""
    return [
        Todo(
            key=f"rcp-proposal-{item.pk}",
            label=_("Examiner le point proposé « %(title)s » (RCP du %(date)s)")
            % {"title": item.title, "date": date_fr(item.meeting.date, "j F Y")},
            url=reverse("rcp:meeting", args=[item.meeting_id]) + "#propositions",
            topic=_("RCP"),
            # By the time the agenda leaves (by itself, AGENDA_DAYS_BEFORE days before).
            due=item.meeting.date
            - datetime.timedelta(days=0 if item.meeting.agenda_sent_at else AGENDA_DAYS_BEFORE),
        )
        for item in AgendaItem.objects.to_review_by(user)[:PROPOSALS_SHOWN]
    ]
