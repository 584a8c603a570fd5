"""What the national cooperation protocols show on a structure's page and in
its health project (structures/sections.py)."""

from __future__ import annotations

from structures.enums import HealthProjectSection
from structures.sections import (
    StructureSection,
    register_health_project_insert,
    register_structure_section,
)

from .models import CooperationDeclaration


@register_structure_section
def cooperation(request, structure, private) -> StructureSection | None:
    """The structure's cooperation protocols and a link to their activity, for
    those who read its private data."""
    if not private:
        return None
    declarations = list(
        CooperationDeclaration.objects.filter(structure=structure)
        .exclude(status="arrete")
        .select_related("protocol")
        .order_by("protocol__short_name")
    )
    return StructureSection(
        template="protocols/cooperation/_section.html",
        context={"structure": structure, "declarations": declarations},
        order=40,
    )


@register_health_project_insert
def cooperation_in_health_project(structure, section) -> StructureSection | None:
    """Under "3.2 Coordination : RCP et protocoles": the national cooperation
    protocols the structure declared to the ARS (page and PDF)."""
    if section != HealthProjectSection.RCP_PROTOCOLS:
        return None
    declarations = list(
        CooperationDeclaration.objects.filter(structure=structure)
        .exclude(status__in=["preparation", "arrete"])
        .select_related("protocol")
        .order_by("protocol__short_name")
    )
    if not declarations:
        return None
    return StructureSection(
        template="protocols/cooperation/_health_project_insert.html",
        context={"declarations": declarations},
        order=60,
    )
