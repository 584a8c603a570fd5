"""Queries shared by the statistics and the session export: which
facilitations a period follows, and the EPCI a structure counts in."""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from gecolib.models import EPCI
from structures.models import Structure

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
    the EPCI of its head office's commune. `structure_path` leads to the
    structure from the queried model ("" when querying structures)."""
    own = OuterRef(f"{structure_path}_id" if structure_path else "pk")
    commune_epci = f"{structure_path}__commune__epci_id" if structure_path else "commune__epci_id"
    first_epci = EPCI.objects.filter(structures=own).order_by("name", "pk").values("pk")[:1]
    return Coalesce(Subquery(first_epci), F(commune_epci))


def epci_index() -> dict[int, tuple[str, str]]:
    """EPCI pk → (EPCI name, « 22 – Côtes-d'Armor »). One query over the
    reference list of EPCIs (a bounded list)."""
    return {
        epci.pk: (epci.name, str(epci.department))
        for epci in EPCI.objects.select_related("department").only(
            "name", "department__code", "department__name"
        )
    }


def structure_epci_refs(structure_ids: QuerySet) -> dict[int, int | None]:
    """Structure pk → the EPCI it counts in (as `epci_expression`: its first
    EPCI by name, or else its head office's commune's), for the structures
    `structure_ids` (a values() queryset) selects. Two queries, each a join
    read once — no query per structure."""
    refs = dict(
        Structure.objects.filter(pk__in=structure_ids)
        .values_list("pk", "commune__epci_id")
        .order_by()
    )
    refs.update(structure_epci_links(structure_ids))
    return refs


def structure_epci_links(structure_ids: QuerySet) -> dict[int, int]:
    """Structure pk → its first EPCI by name, for those of the structures
    `structure_ids` selects that name EPCIs of their own. One query."""
    links = (
        Structure.epcis.through.objects.filter(structure_id__in=structure_ids)
        .order_by("structure_id", "-epci__name", "-epci_id")
        .values_list("structure_id", "epci_id")
    )
    # In descending name order, the last written for a structure is its first by name.
    return dict(links)
