"""What the RCPs add to a structure's page (their figures of the year, for
those who read its RCPs) and under the health project's section
« Coordination : RCP et protocoles »."""

from __future__ import annotations

from django.utils import timezone

from structures.enums import HealthProjectSection
from structures.sections import (
    StructureSection,
    register_health_project_insert,
    register_structure_section,
)

from .figures import structure_figures
from .models import Meeting, structures_with_rcp_visible_to


@register_structure_section
def rcp_figures(request, structure, private) -> StructureSection | None:
    """For the readers of its RCPs (`access.py`): not for a facilitator whose
    assignment ended, who still sees the structure's private page."""
    if not private:
        return None
    if not structures_with_rcp_visible_to(request.user).filter(pk=structure.pk).exists():
        return None
    figures = structure_figures(structure, timezone.localdate().year)
    next_meeting = Meeting.objects.filter(structure=structure).upcoming().first()
    return StructureSection(
        "rcp/_section.html",
        {"figures": figures, "structure": structure, "next_meeting": next_meeting},
        order=40,
    )


@register_health_project_insert
def rcp_in_health_project(structure, section) -> StructureSection | None:
    if section != HealthProjectSection.RCP_PROTOCOLS:
        return None
    figures = structure_figures(structure, timezone.localdate().year)
    if not figures.held:
        return None
    return StructureSection("rcp/_insert.html", {"figures": figures}, order=20)
