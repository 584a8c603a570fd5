"""The RCPs' figures shown beside a self-assessment's dimensions
(gecolib/evidence.py): RCPs held this year against the ACI's target, the
share of agendas sent at least 7 days ahead, minutes sent, decisions done on
time. One grouped query per figure, whatever the number of structures."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gecolib.evidence import Evidence, percent, register_evidence

from .enums import YEARLY_TARGET, DecisionStatus
from .models import Decision, Meeting
from .reminders import AGENDA_DAYS_BEFORE


def _held(structure_ids, today: datetime.date):
    return Meeting.objects.filter(structure__in=structure_ids).in_year(today.year).held()


def _rate(part: int, whole: int) -> str:
    rate = percent(part, whole)
    return _("%(rate)s %%") % {"rate": rate} if rate is not None else "—"


@register_evidence("rcp_held", gettext_lazy("RCP tenues cette année (objectif de 6)"))
def rcp_held(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query."""
    counts = dict(
        _held(structure_ids, today).values_list("structure").annotate(n=Count("pk")).order_by()
    )
    return {
        pk: Evidence(
            key="rcp_held",
            label=_("RCP tenues en %(year)s") % {"year": today.year},
            value=_("%(held)s sur %(target)s")
            % {"held": counts.get(pk, 0), "target": YEARLY_TARGET},
            detail=_("objectif annuel de l'ACI : %(target)s RCP") % {"target": YEARLY_TARGET},
            met=counts.get(pk, 0) >= YEARLY_TARGET,
        )
        for pk in structure_ids
    }


@register_evidence(
    "rcp_agenda_ahead", gettext_lazy("Ordres du jour de RCP envoyés au moins 7 jours avant")
)
def rcp_agenda_ahead(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query."""
    ahead = F("starts_at") - datetime.timedelta(days=AGENDA_DAYS_BEFORE)
    rows = {
        row["structure"]: row
        for row in _held(structure_ids, today)
        .values("structure")
        .annotate(held=Count("pk"), ahead=Count("pk", filter=Q(agenda_sent_at__lte=ahead)))
        .order_by()
    }
    result = {}
    for pk in structure_ids:
        row = rows.get(pk, {"held": 0, "ahead": 0})
        result[pk] = Evidence(
            key="rcp_agenda_ahead",
            label=_("Ordres du jour envoyés au moins %(days)s jours avant")
            % {"days": AGENDA_DAYS_BEFORE},
            value=_rate(row["ahead"], row["held"]),
            detail=_("%(ahead)s RCP sur %(held)s tenues en %(year)s")
            % {"ahead": row["ahead"], "held": row["held"], "year": today.year},
        )
    return result


@register_evidence("rcp_minutes_sent", gettext_lazy("Comptes rendus de RCP envoyés"))
def rcp_minutes_sent(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query: a validated report is sent to the members invited."""
    rows = {
        row["structure"]: row
        for row in _held(structure_ids, today)
        .values("structure")
        .annotate(held=Count("pk"), sent=Count("pk", filter=Q(minutes_validated_at__isnull=False)))
        .order_by()
    }
    result = {}
    for pk in structure_ids:
        row = rows.get(pk, {"held": 0, "sent": 0})
        result[pk] = Evidence(
            key="rcp_minutes_sent",
            label=_("Comptes rendus envoyés"),
            value=_rate(row["sent"], row["held"]),
            detail=_("%(sent)s RCP sur %(held)s tenues en %(year)s")
            % {"sent": row["sent"], "held": row["held"], "year": today.year},
        )
    return result


@register_evidence("rcp_decisions_on_time", gettext_lazy("Décisions de RCP réalisées à temps"))
def rcp_decisions_on_time(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query: among the decisions of this year's RCPs that were done,
    those done by their due date."""
    done = Q(status=DecisionStatus.DONE)
    rows = {
        row["structure"]: row
        for row in Decision.objects.filter(meeting__in=_held(structure_ids, today))
        .values(structure=F("meeting__structure"))
        .annotate(
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & Q(closed_at__date__lte=F("due_date"))),
        )
        .order_by()
    }
    result = {}
    for pk in structure_ids:
        row = rows.get(pk, {"done": 0, "on_time": 0})
        result[pk] = Evidence(
            key="rcp_decisions_on_time",
            label=_("Décisions réalisées dans les délais"),
            value=_rate(row["on_time"], row["done"]),
            detail=_("%(on_time)s décisions sur %(done)s réalisées en %(year)s")
            % {"on_time": row["on_time"], "done": row["done"], "year": today.year},
        )
    return result
