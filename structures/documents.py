"""The health project as a document, shared by its page, its versions and its PDF.

- `document_context(structure, sections)`: everything a template of the health
  project shows (cover rows, generated tables, the ARS template's parts with each
  section's sanitised HTML, the date of edition);
- `cover_rows(structure)`: the identity of the structure for the cover;
- `team_by_profession(structure)`: the current members grouped by profession.

The views add what they alone know (the project, the version shown) and pick the
template: a page, or the print template handed to gecolib.pdf.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TypedDict

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gecolib.markdown import render_markdown
from gecolib.pdf import bump_generation, generation

from .enums import HealthProjectSection, MembershipRole
from .models import Membership, Structure
from .models.health_project import PARTS, SECTION_GUIDANCE
from .sections import StructureSection, health_project_inserts

Section = HealthProjectSection

# Tables generated from the structure's data, shown under these sections.
GENERATED_TABLES = {Section.CARE_SUPPLY: "care_supply", Section.TEAM: "team"}

# Headings written in a section sit below the section's own title (an h3 on the
# pages): "# Titre" in a section becomes an h4.
SECTION_HEADING_OFFSET = 3


class TeamMember(TypedDict):
    name: str
    role: str
    is_coordinator: bool
    gp: bool


class ProfessionGroup(TypedDict):
    profession: str
    count: int
    members: list[TeamMember]


class DocumentSection(TypedDict):
    key: str
    label: str
    anchor: str
    html: SafeString | str  # "" for a section not written yet
    generated: str  # "team", "care_supply" or ""
    guidance: str
    inserts: list[StructureSection]  # what other apps add (structures/sections.py)


class DocumentPart(TypedDict):
    key: str
    label: str
    sections: list[DocumentSection]


class DocumentContext(TypedDict):
    cover_rows: list[tuple[str, str]]
    cover_section: DocumentSection
    parts: list[DocumentPart]
    team: list[ProfessionGroup]
    team_total: int
    generated_on: date


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


def team_by_profession(structure: Structure) -> list[ProfessionGroup]:
    """Current members grouped by profession, in alphabetical order (one query)."""
    memberships = (
        Membership.objects.current()
        .filter(structure=structure)
        .select_related("user__profession")
        .order_by("user__profession__name", "user__last_name", "user__first_name")
    )
    groups: list[ProfessionGroup] = []
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


def _section(
    key: HealthProjectSection, sections: dict[str, str], structure: Structure
) -> DocumentSection:
    """One section of the ARS template with its text rendered (headings shifted
    below the section title)."""
    text = sections.get(key.value, "")
    return {
        "key": key.value,
        "label": key.label,
        "anchor": f"section-{key.value}",
        "html": render_markdown(text, heading_offset=SECTION_HEADING_OFFSET) if text else "",
        "generated": GENERATED_TABLES.get(key, ""),
        "guidance": SECTION_GUIDANCE[key],
        "inserts": health_project_inserts(structure, key.value),
    }


def document_context(structure: Structure, sections: dict[str, str]) -> DocumentContext:
    """Everything the page and the PDF show of a health project whose sections
    (keyed by HealthProjectSection value) are `sections`: the project's current
    text or a version's."""
    team = team_by_profession(structure)
    return {
        "cover_rows": cover_rows(structure),
        "cover_section": _section(Section.COVER, sections, structure),
        "parts": [
            {
                "key": key,
                "label": label,
                "sections": [_section(s, sections, structure) for s in members],
            }
            for key, label, members in PARTS
        ],
        "team": team,
        "team_total": sum(group["count"] for group in team),
        "generated_on": timezone.localdate(),
    }


PDF_TEMPLATE = "structures/health_project/pdf.html"


def pdf_context(structure: Structure, project, version) -> dict:
    """The context of the health project's PDF: a version's text, or the
    project's current text when there is no version yet."""
    sections = version.sections if version else project.sections
    return {
        "structure": structure,
        "project": project,
        "version": version,
        **document_context(structure, sections),
    }


def pdf_content_key(structure: Structure, project, version) -> str:
    """What the PDF shows, known before it is rendered (gecolib.pdf): the
    version (frozen text) or the project's current text, the structure's
    identity, the generation of what is shown without a version of its own
    (the team, the EPCIs and communes, what other apps insert: see
    `connect`), and the day of edition printed on it."""
    text = f"v{version.pk}" if version else "p"
    return ":".join(
        [
            text,
            f"{project.pk}@{project.updated_at.isoformat()}",
            f"{structure.pk}@{structure.updated_at.isoformat()}",
            generation(_scope(structure.pk)),
            timezone.localdate().isoformat(),
        ]
    )


def _scope(structure_id) -> str:
    return f"structure:{structure_id}"


def structure_generation(structure_id: int) -> str:
    """The token renewed by every saved or deleted row that belongs to the
    structure (`connect`): the part of another app's document key (a
    protocol, a meeting, a campaign) for the structure's name, team and rows."""
    return generation(_scope(structure_id))


def _changed(sender, instance, **kwargs) -> None:
    """A row that belongs to a structure (a membership, a protocol, a
    meeting…) changed: its documents are new."""
    if isinstance(instance, Structure):
        bump_generation(_scope(instance.pk))
        return
    structure_id = getattr(instance, "structure_id", None)
    if isinstance(structure_id, int):
        bump_generation(_scope(structure_id))
        return
    if isinstance(instance, get_user_model()):
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) <= {"last_login", "password"}:
            return  # a sign-in: nothing a document shows
        for pk in Membership.objects.filter(user=instance).values_list("structure_id", flat=True):
            bump_generation(_scope(pk))


def _relations_changed(sender, instance, pk_set, reverse, **kwargs) -> None:
    ids = (pk_set or ()) if reverse else [instance.pk]
    for pk in ids:
        bump_generation(_scope(pk))


def connect() -> None:
    """Called by the app's ready(): every saved or deleted row that belongs
    to a structure, and its members' names, renew its documents' keys."""
    for signal in (post_save, post_delete):
        signal.connect(_changed, dispatch_uid=f"structure-documents-{signal}")
    for through in (Structure.epcis.through, Structure.communes_covered.through):
        m2m_changed.connect(
            _relations_changed, sender=through, dispatch_uid=f"structure-documents-{through}"
        )


def pdf_filename(structure: Structure, version) -> str:
    """projet-de-sante_<structure>_v<number>_<date of the version>.pdf (v0: no version yet)."""
    number = version.number if version else 0
    day = timezone.localdate(version.created_at) if version else timezone.localdate()
    return f"projet-de-sante_{slugify(structure.name)}_v{number}_{day.isoformat()}.pdf"
