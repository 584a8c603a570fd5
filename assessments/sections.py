"""What the self-assessments add to a structure's page: its latest campaign
and the link to all of them, for whoever reads its private data."""

from __future__ import annotations

from structures.sections import StructureSection, register_structure_section

from .access import can_manage
from .models import Campaign


@register_structure_section
def assessments(request, structure, private) -> StructureSection | None:
    if not private:
        return None
    latest = Campaign.objects.filter(structure=structure).order_by("-opened_at", "-pk").first()
    return StructureSection(
        "assessments/_section.html",
        {
            "structure": structure,
            "latest": latest,
            "may_open": can_manage(request.user, structure.pk),
        },
        order=60,
    )
