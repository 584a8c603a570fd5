"""Panels of the signed-in dashboard contributed by the national cooperation
protocols (gecolib/dashboard.py), and their lines of the « À faire » list
(gecolib/todos.py). A fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels
from gecolib.text import elide
from gecolib.todos import Todo, register_todos
from structures.models import Membership

from .models import CooperationDeclaration, MonthlyActivity
from .models.activity import month_label
from .models.declarations import EDITOR_ROLES, DeclarationStatus
from .reminders import COUNTS_DUE_DAY, previous_month

# The to-do list shows at most this many months to enter (the dashboard shows 12 in all).
TODO_SIZE = 20


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


@register_todos
def counts_todos(user, today: datetime.date | None = None) -> list[Todo]:
    """For the coordinators and référents of a structure: each declared
    protocol whose last month's counts are not entered yet (the month the
    reminder of the 10th speaks of), leading to that month's entry, due on
    the 10th (one query)."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    month = previous_month(today)
    entered = MonthlyActivity.objects.filter(declaration=OuterRef("pk"), month=month)
    edited = (
        Membership.objects.current().filter(user=user, role__in=EDITOR_ROLES).values("structure_id")
    )
    declarations = (
        CooperationDeclaration.objects.visible_to(user)
        .filter(
            structure__in=edited,
            status__in=[DeclarationStatus.DECLARED, DeclarationStatus.ACTIVE],
            declared_on__lt=today.replace(day=1),
        )
        .exclude(Exists(entered))
        .select_related("structure", "protocol")
        .order_by("structure__name", "protocol__short_name", "pk")[:TODO_SIZE]
    )
    of_month = elide("de", month_label(month))
    return [
        Todo(
            key=f"cooperation-counts-{declaration.pk}-{month:%Y-%m}",
            label=_("Saisir l'activité %(of_month)s pour « %(protocol)s » (%(structure)s)")
            % {
                "of_month": of_month,
                "protocol": declaration.protocol.short_name,
                "structure": declaration.structure.name,
            },
            url=reverse("cooperation:activity", args=[declaration.pk]) + f"?mois={month:%Y-%m}",
            topic=_("Protocole de coopération"),
            due=today.replace(day=COUNTS_DUE_DAY),
        )
        for declaration in declarations
    ]
