"""The cooperation protocols' figure shown beside a self-assessment's
dimensions (gecolib/evidence.py): the declarations active. One grouped query,
whatever the number of structures."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gecolib.evidence import Evidence, register_evidence

from .models import CooperationDeclaration
from .models.declarations import DeclarationStatus


@register_evidence("cooperation_active", gettext_lazy("Protocoles de coopération actifs"))
def cooperation_active(structure_ids, today: datetime.date) -> dict[int, Evidence]:
    """One query."""
    counts = dict(
        CooperationDeclaration.objects.filter(
            structure__in=structure_ids, status=DeclarationStatus.ACTIVE
        )
        .values_list("structure")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        pk: Evidence(
            key="cooperation_active",
            label=_("Protocoles de coopération actifs"),
            value=str(counts.get(pk, 0)),
            detail=_("déclarations de la structure au statut « actif »"),
        )
        for pk in structure_ids
    }
