"""Panels of the signed-in dashboard contributed by the protocols app
(gecolib/dashboard.py). A fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gecolib.dashboard import register_panels
from structures.models import Membership

from .enums import ProtocolStatus
from .models import Protocol
from .models.cooperation import CooperationDeclaration, MonthlyActivity
from .models.cooperation.declarations import DeclarationStatus
from .reminders.coordination import REVIEW_NOTICE_DAYS

# -- coordination protocols ----------------------------------------------------------


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
        .order_by("review_date", "title")[:10]
    )
    if not protocols:
        return []
    return [("protocols/coordination/_panel_reviews.html", {"protocols": protocols})]


# -- national cooperation protocols ----------------------------------------------------
@register_panels
def cooperation_panels(user) -> list[tuple[str, dict]]:
    """The cooperation protocols of the user's structures: what waits (last
    month's counts, a new declaration); for staff, a link to the overview."""
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return [("protocols/cooperation/_panel.html", {"staff": True, "rows": []})]
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    entered = MonthlyActivity.objects.filter(declaration=OuterRef("pk"), month=last_month)
    rows = list(
        CooperationDeclaration.objects.visible_to(user)
        .open()
        .select_related("structure", "protocol")
        .annotate(last_month_entered=Exists(entered))
        .order_by("structure__name", "protocol__short_name")[:10]
    )
    if not rows:
        return []
    for row in rows:
        row.counts_missing = (
            row.status in (DeclarationStatus.DECLARED, DeclarationStatus.ACTIVE)
            and row.declared_on is not None
            and row.declared_on < today.replace(day=1)
            and not row.last_month_entered
        )
    return [
        (
            "protocols/cooperation/_panel.html",
            {"staff": False, "rows": rows, "last_month": last_month},
        )
    ]
