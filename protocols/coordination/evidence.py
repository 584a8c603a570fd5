"""The coordination protocols' figures shown beside a self-assessment's
dimensions (gecolib/evidence.py): the protocols in application, and the
reviews on time among the protocols in force. One grouped query per figure,
whatever the number of structures."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gecolib.evidence import Evidence, register_evidence

from .enums import ProtocolStatus
from .models import Protocol


@register_evidence(
    "protocols_in_application", gettext_lazy("Protocoles pluriprofessionnels en application")
)
def protocols_in_application(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query."""
    counts = dict(
        Protocol.objects.filter(structure__in=structure_ids, status=ProtocolStatus.IN_USE)
        .values_list("structure")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        pk: Evidence(
            key="protocols_in_application",
            label=_("Protocoles en application"),
            value=str(counts.get(pk, 0)),
            detail=_("protocoles pluriprofessionnels de la structure au statut « en application »"),
        )
        for pk in structure_ids
    }


@register_evidence(
    "protocol_reviews_on_time", gettext_lazy("Révisions des protocoles faites à temps")
)
def protocol_reviews_on_time(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query: among the protocols in force that have a review date, those
    whose date has not passed."""
    rows = {
        row["structure"]: row
        for row in Protocol.objects.filter(structure__in=structure_ids, review_date__isnull=False)
        .in_force()
        .values("structure")
        .annotate(dated=Count("pk"), late=Count("pk", filter=Q(review_date__lt=today)))
        .order_by()
    }
    result = {}
    for pk in structure_ids:
        row = rows.get(pk, {"dated": 0, "late": 0})
        on_time = row["dated"] - row["late"]
        result[pk] = Evidence(
            key="protocol_reviews_on_time",
            label=_("Révisions à jour"),
            value=_("%(on_time)s sur %(dated)s") % {"on_time": on_time, "dated": row["dated"]},
            detail=_("protocoles en vigueur dont la date de révision n'est pas dépassée"),
            met=row["late"] == 0 if row["dated"] else None,
        )
    return result
