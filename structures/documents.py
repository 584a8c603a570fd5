"""The health project as a document: the cover rows, the team by profession and
the ARS template's parts with each section rendered; shared by the page and the PDF."""

from __future__ import annotations

import re
from itertools import groupby

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gecolib.markdown import render_markdown

from .enums import HealthProjectSection, MembershipRole
from .models import Membership, Structure
from .models.health_project import PARTS, SECTION_GUIDANCE

Section = HealthProjectSection

# Tables generated from the structure's data, shown under these sections.
GENERATED_TABLES = {Section.CARE_SUPPLY: "care_supply", Section.TEAM: "team"}

_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str) -> SafeString:
    """Headings written in a section sit below the section title (h3). The input
    is render_markdown's sanitised HTML, and only heading tags are renamed."""
    shifted = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 3, 6)}>", html)
    return mark_safe(shifted)  # noqa: S308 - sanitised by render_markdown


# -- the document: cover data, generated tables, sections --------------------------------


def cover_rows(structure: Structure) -> list[tuple[str, str]]:
    """The identity of the structure as the ARS template's cover asks for it."""
    commune = structure.commune
    address = ", ".join(
        part
        for part in [
            structure.address,
            " ".join(p for p in [structure.postal_code, commune.name if commune else ""] if p),
        ]
        if part
    )
    population = structure.population
    coordination = structure.coordinator_name
    if structure.coordination_hours:
        hours = number_format(structure.coordination_hours.normalize())
        coordination = _("%(who)s (%(hours)s h par semaine)") % {
            "who": coordination or _("non précisé"),
            "hours": hours,
        }
    information_system = structure.get_information_system_display()
    if structure.information_system_name:
        information_system += f" – {structure.information_system_name}"
    rows = [
        (_("Type de structure"), structure.get_kind_display()),
        (_("Forme juridique"), structure.get_legal_form_display()),
        (_("SIRET"), structure.siret),
        (_("FINESS"), structure.finess),
        (_("Adresse du siège"), address),
        (_("EPCI couverts"), ", ".join(e.name for e in structure.epcis.all())),
        (
            _("Population couverte"),
            f"{population:,}".replace(",", "\u202f") + " " + _("habitants") if population else "",
        ),
        (_("Étape"), structure.get_stage_display()),
        (
            _("Date de signature de l'ACI"),
            structure.aci_signed_on.strftime("%d/%m/%Y") if structure.aci_signed_on else "",
        ),
        (_("Coordination"), coordination),
        (_("Système d'information partagé"), information_system),
        (_("E-mail de contact"), structure.contact_email),
        (_("Téléphone de contact"), structure.contact_phone),
    ]
    return [(label, value) for label, value in rows if value]


def team_by_profession(structure: Structure) -> list[dict]:
    """Current members grouped by profession (one query)."""
    memberships = (
        Membership.objects.current()
        .filter(structure=structure)
        .select_related("user__profession")
        .order_by("user__profession__name", "user__last_name", "user__first_name")
    )
    groups = []
    for name, items in groupby(
        memberships,
        key=lambda m: m.user.profession.name if m.user.profession_id else _("Autre"),
    ):
        items = list(items)
        groups.append(
            {
                "profession": name,
                "count": len(items),
                "members": [
                    {
                        "name": m.user.display_name,
                        "role": m.get_role_display(),
                        "is_coordinator": m.role == MembershipRole.COORDINATOR,
                        "gp": m.user.is_general_practitioner,
                    }
                    for m in items
                ],
            }
        )
    return groups


def document_context(structure: Structure, sections: dict[str, str]) -> dict:
    """Everything the page and the PDF show: cover, generated tables, the parts
    of the ARS template with each section's sanitised HTML."""
    team = team_by_profession(structure)

    def section(key: HealthProjectSection) -> dict:
        text = sections.get(key.value, "")
        return {
            "key": key.value,
            "label": key.label,
            "anchor": f"section-{key.value}",
            "html": _shift_headings(render_markdown(text)) if text else "",
            "generated": GENERATED_TABLES.get(key, ""),
            "guidance": SECTION_GUIDANCE[key],
        }

    return {
        "cover_rows": cover_rows(structure),
        "cover_section": section(Section.COVER),
        "parts": [
            {"key": key, "label": label, "sections": [section(s) for s in members]}
            for key, label, members in PARTS
        ],
        "team": team,
        "team_total": sum(group["count"] for group in team),
        "generated_on": timezone.localdate(),
    }
