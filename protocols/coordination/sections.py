"""What the coordination protocols show on a structure's page and in its health project
(structures/sections.py)."""

from __future__ import annotations

from django.db.models import Count

from structures.enums import HealthProjectSection
from structures.sections import (
    StructureSection,
    register_health_project_insert,
    register_structure_section,
)

from .access import can_create
from .enums import ProtocolStatus
from .models import Protocol, aci_count


@register_structure_section
def coordination_protocols(request, structure, private: bool) -> StructureSection | None:
    """For the team around the structure: its protocols by status, the ACI
    count of an MSP, and the way to its protocol page."""
    if not private:
        return None
    counts = dict(
        Protocol.objects.filter(structure=structure)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = [
        (label, counts[value]) for value, label in ProtocolStatus.choices if value in counts
    ]
    return StructureSection(
        template="protocols/coordination/_structure_section.html",
        context={
            "by_status": by_status,
            "total": sum(counts.values()),
            "aci": aci_count(structure),
            "may_create": can_create(request.user, structure),
        },
        order=50,
    )


@register_health_project_insert
def coordination_protocols_in_project(structure, section: str) -> StructureSection | None:
    """Under "3.2 Coordination : RCP et protocoles": the structure's protocols
    (archived ones left out), kept up to date by themselves."""
    if section != HealthProjectSection.RCP_PROTOCOLS:
        return None
    protocols = list(
        Protocol.objects.filter(structure=structure)
        .exclude(status=ProtocolStatus.ARCHIVED)
        .order_by("title")
        .only("title", "theme", "status", "validated_on", "review_date")
    )
    return StructureSection(
        template="protocols/coordination/_health_project_insert.html",
        context={"protocols": protocols},
        order=50,
    )
