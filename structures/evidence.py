"""The health project's figure shown beside a self-assessment's dimensions
(gecolib/evidence.py): its current version and its last submission to the
ARS. One query, whatever the number of structures."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gecolib.evidence import Evidence, register_evidence

from .enums import HealthProjectStatus
from .models import HealthProject


@register_evidence("health_project", gettext_lazy("Projet de santé : version et dépôt à l'ARS"))
def health_project(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query: the latest version's number, and the last one submitted to
    the ARS (frozen with the status « soumis à l'ARS »)."""
    rows = {
        row["structure"]: row
        for row in HealthProject.objects.filter(structure__in=structure_ids)
        .values("structure", "status")
        .annotate(
            version=Max("versions__number"),
            submitted=Max(
                "versions__number", filter=Q(versions__status=HealthProjectStatus.SUBMITTED)
            ),
        )
        .order_by()
    }
    statuses = dict(HealthProjectStatus.choices)
    result = {}
    for pk in structure_ids:
        row = rows.get(pk)
        if row is None or not row["version"]:
            result[pk] = Evidence(
                key="health_project",
                label=_("Projet de santé"),
                value=_("pas encore commencé sur le portail"),
                met=False,
            )
            continue
        submitted = row["submitted"]
        result[pk] = Evidence(
            key="health_project",
            label=_("Projet de santé"),
            value=_("version %(number)s (%(status)s)")
            % {"number": row["version"], "status": str(statuses.get(row["status"], ""))},
            detail=_("version %(number)s déposée à l'ARS") % {"number": submitted}
            if submitted
            else _("pas encore déposé à l'ARS"),
            met=submitted is not None,
        )
    return result
