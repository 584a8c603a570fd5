"""Panels of the signed-in dashboard contributed by the national cooperation
protocols (gecolib/dashboard.py). A fixed number of queries whatever the data size."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from gecolib.dashboard import register_panels

from .models import CooperationDeclaration, MonthlyActivity
from .models.declarations import DeclarationStatus


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
