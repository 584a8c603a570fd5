"""Queries shared by the statistics and the session export: which
facilitations a period follows, and the EPCI a structure counts in."""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from gecolib.models import EPCI

from ..models import Facilitation
from .period import Period


def followed_facilitations(period: Period) -> QuerySet:
    """Facilitations opened before the end of the period and not closed before
    its start."""
    return Facilitation.objects.filter(opened_at__lt=period.end_dt).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start_dt)
    )


def epci_expression(structure_path: str) -> Coalesce:
    """The structure's EPCI for statistics: its first EPCI by name, or else
    the EPCI of its head office's commune."""
    first_epci = (
        EPCI.objects.filter(structures=OuterRef(f"{structure_path}_id"))
        .order_by("name", "pk")
        .values("pk")[:1]
    )
    return Coalesce(Subquery(first_epci), F(f"{structure_path}__commune__epci_id"))


def epci_index() -> dict[int, tuple[str, str]]:
    """EPCI pk → (EPCI name, « 22 – Côtes-d'Armor »). One query over the
    reference list of EPCIs (a bounded list)."""
    return {
        epci.pk: (epci.name, str(epci.department))
        for epci in EPCI.objects.select_related("department").only(
            "name", "department__code", "department__name"
        )
    }
