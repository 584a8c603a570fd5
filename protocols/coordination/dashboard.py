"""Panels of the signed-in dashboard contributed by the coordination protocols
(gecolib/dashboard.py). A fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from gecolib.dashboard import register_panels
from structures.models import Membership

from .enums import ProtocolStatus, RoundStatus
from .models import Protocol, ValidationAnswer
from .reminders import REVIEW_NOTICE_DAYS

PANEL_ROWS = 10


@register_panels
def answers_awaited(user) -> list[tuple[str, dict]]:
    """The member's to-do: the protocols of their structures whose validation
    waits for their answer (a request in progress, no answer yet). One query."""
    if not user.is_authenticated:
        return []
    mine = Membership.objects.current().filter(user=user).values("structure_id")
    answers = list(
        ValidationAnswer.objects.filter(
            member=user,
            answer="",
            round__status=RoundStatus.OPEN,
            round__protocol__structure__in=mine,
        )
        .select_related("round__protocol__structure", "round__requested_by")
        .order_by("round__requested_at", "pk")[:PANEL_ROWS]
    )
    if not answers:
        return []
    return [("protocols/coordination/_panel_answers.html", {"answers": answers})]


@register_panels
def coordination_panels(user) -> list[tuple[str, dict]]:
    """For a team member: the protocols of their structures to review — marked
    « à réviser », or whose review date is passed or within 30 days. One query."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    mine = Membership.objects.current().filter(user=user).values("structure_id")
    protocols = list(
        Protocol.objects.visible_to(user)
        .filter(structure__in=mine)
        .filter(
            Q(status=ProtocolStatus.TO_REVIEW)
            | Q(
                status__in=(ProtocolStatus.VALIDATED, ProtocolStatus.IN_USE),
                review_date__lte=soon,
            )
        )
        .select_related("structure")
        .order_by("review_date", "title")[:PANEL_ROWS]
    )
    if not protocols:
        return []
    return [("protocols/coordination/_panel_reviews.html", {"protocols": protocols})]
