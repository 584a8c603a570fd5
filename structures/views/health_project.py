"""Health project pages: sections, editing, versions (diff, restore), status and PDF.

Who may read and write a structure's health project is decided in one place,
`Structure.objects.private_to(user)` (members, facilitators of its
facilitations, staff); everyone else gets a 404.
"""

from __future__ import annotations

import re
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.access import facilitator_gated
from gecolib.markdown import render_markdown
from gecolib.pdf import render_pdf

from ..enums import HealthProjectSection, HealthProjectStatus, MembershipRole
from ..forms_health_project import SectionForm
from ..models import HealthProject, HealthProjectVersion, Membership, Structure
from ..models.health_project import PARTS, SECTION_GUIDANCE, section_diffs

Section = HealthProjectSection
Status = HealthProjectStatus

# Tables generated from the structure's data, shown under these sections.
GENERATED_TABLES = {Section.CARE_SUPPLY: "care_supply", Section.TEAM: "team"}

# Status changes offered on the page: action → (model method, button label).
TRANSITIONS = {
    "submit": ("submit", gettext_lazy("Soumettre à l'ARS")),
    "carpec": ("record_carpec_opinion", gettext_lazy("Enregistrer l'examen en CARPEC")),
    "validate": ("validate", gettext_lazy("Enregistrer la validation")),
    "rework": ("request_rework", gettext_lazy("Renvoyer à reprendre")),
    "reopen": ("reopen", gettext_lazy("Reprendre la rédaction")),
}
TRANSITION_MESSAGES = {
    "submit": gettext_lazy("Le projet a été soumis à l'ARS ; la version %(number)s est figée."),
    "carpec": gettext_lazy("Le passage du projet en CARPEC est enregistré."),
    "validate": gettext_lazy("Le projet de santé est validé."),
    "rework": gettext_lazy("Le projet est renvoyé à l'équipe pour être repris."),
    "reopen": gettext_lazy("Le projet repasse en brouillon : la rédaction peut reprendre."),
}

_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str) -> SafeString:
    """Headings written in a section sit below the section title (h3). The input
    is render_markdown's sanitised HTML, and only heading tags are renamed."""
    shifted = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 3, 6)}>", html)
    return mark_safe(shifted)  # noqa: S308 - sanitised by render_markdown


def _structure_for(request: HttpRequest, pk: int) -> Structure:
    return get_object_or_404(
        Structure.objects.private_to(request.user).select_related("commune__department"), pk=pk
    )


def _project_for(structure: Structure) -> HealthProject:
    return get_object_or_404(HealthProject, structure=structure)


def _version_for(project: HealthProject, number: int) -> HealthProjectVersion:
    return get_object_or_404(
        HealthProjectVersion.objects.select_related("author"), project=project, number=number
    )


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


def _actions(project: HealthProject | None, user) -> list[tuple[str, str]]:
    if project is None:
        return []
    offered = {
        Status.DRAFT: ["submit"] if project.may_submit(user) else [],
        Status.SUBMITTED: ["carpec", "rework"] if project.may_review(user) else [],
        Status.CARPEC: ["validate", "rework"] if project.may_review(user) else [],
        Status.TO_REWORK: ["reopen"],
        Status.VALIDATED: [],
    }[project.status]
    return [(action, TRANSITIONS[action][1]) for action in offered]


# -- pages ---------------------------------------------------------------------------


@require_GET
@facilitator_gated
def health_project(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = HealthProject.objects.filter(structure=structure).first()
    latest = project.latest_version() if project else None
    context = {
        "structure": structure,
        "project": project,
        "latest": latest,
        "editable": project is None or project.is_editable,
        "actions": _actions(project, request.user),
        **document_context(structure, project.sections if project else {}),
    }
    return render(request, "structures/health_project/detail.html", context)


@require_POST
@facilitator_gated
def health_project_start(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project, created = HealthProject.objects.get_or_create(structure=structure)
    if created:
        messages.success(
            request,
            _("Le projet de santé est commencé : rédigez ses sections une à une."),
        )
    return redirect("structures:health_project", pk=structure.pk)


@require_http_methods(["GET", "POST"])
@facilitator_gated
def health_project_edit_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    structure = _structure_for(request, pk)
    if section not in Section.values:
        raise Http404
    key = Section(section)
    project = HealthProject.objects.filter(structure=structure).first()
    page_url = reverse("structures:health_project", args=[structure.pk])
    if project is not None and not project.is_editable:
        messages.error(
            request,
            _("Le projet est « %(status)s » : il ne peut pas être modifié.")
            % {"status": project.get_status_display()},
        )
        return redirect(page_url)
    form = SectionForm(request.POST or None, project=project, section=key.value)
    if request.method == "POST" and form.is_valid():
        if project is None:
            project, _created = HealthProject.objects.get_or_create(structure=structure)
        try:
            version = project.save_section(
                key.value,
                form.cleaned_data["text"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Section « %(section)s » enregistrée : version %(number)s.")
                % {"section": key.label, "number": version.number},
            )
            return redirect(f"{page_url}#section-{key.value}")
    context = {
        "structure": structure,
        "project": project,
        "section": {"key": key.value, "label": key.label, "guidance": SECTION_GUIDANCE[key]},
        "form": form,
    }
    return render(request, "structures/health_project/edit_section.html", context)


@require_GET
@facilitator_gated
def health_project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    versions = project.versions.with_list_related_data().order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    context = {
        "structure": structure,
        "project": project,
        "page": page,
        "editable": project.is_editable,
    }
    return render(request, "structures/health_project/versions.html", context)


@require_GET
@facilitator_gated
def health_project_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    version = _version_for(project, number)
    context = {
        "structure": structure,
        "project": project,
        "version": version,
        # Restoring a version identical to the current text would only add a copy.
        "editable": project.is_editable and dict(version.sections) != dict(project.sections),
        **document_context(structure, version.sections),
    }
    return render(request, "structures/health_project/version.html", context)


def _number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@require_GET
@facilitator_gated
def health_project_diff(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    versions_url = reverse("structures:health_project_versions", args=[structure.pk])
    a, b = _number(request.GET.get("a")), _number(request.GET.get("b"))
    if a is None or b is None:
        messages.error(request, _("Choisissez deux versions à comparer."))
        return redirect(versions_url)
    if a == b:
        messages.error(request, _("Choisissez deux versions différentes à comparer."))
        return redirect(versions_url)
    found = {
        v.number: v for v in project.versions.select_related("author").filter(number__in=[a, b])
    }
    missing = [n for n in (a, b) if n not in found]
    if missing:
        messages.error(
            request,
            _("La version %(number)s n'existe pas.") % {"number": missing[0]},
        )
        return redirect(versions_url)
    old, new = (found[a], found[b]) if a <= b else (found[b], found[a])
    diffs = section_diffs(old.sections, new.sections)
    context = {
        "structure": structure,
        "project": project,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "structures/health_project/diff.html", context)


@require_POST
@facilitator_gated
def health_project_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    version = _version_for(project, number)
    try:
        new = project.restore(version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("structures:health_project_versions", pk=structure.pk)
    messages.success(
        request,
        _("La version %(old)s a été restaurée : elle devient la version %(new)s.")
        % {"old": version.number, "new": new.number},
    )
    return redirect("structures:health_project_versions", pk=structure.pk)


@require_POST
@facilitator_gated
def health_project_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    if action not in TRANSITIONS:
        raise Http404
    method = getattr(project, TRANSITIONS[action][0])
    try:
        result = method(by=request.user)  # PermissionDenied → 403
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        number = result.number if isinstance(result, HealthProjectVersion) else ""
        messages.success(request, TRANSITION_MESSAGES[action] % {"number": number})
    return redirect("structures:health_project", pk=structure.pk)


# -- PDF -----------------------------------------------------------------------------


def _pdf_response(
    structure: Structure, project: HealthProject, version: HealthProjectVersion | None
) -> HttpResponse:
    sections = version.sections if version else project.sections
    number = version.number if version else 0
    day = timezone.localdate(version.created_at) if version else timezone.localdate()
    context = {
        "structure": structure,
        "project": project,
        "version": version,
        **document_context(structure, sections),
    }
    pdf = render_pdf("structures/health_project/pdf.html", context)
    filename = f"projet-de-sante_{slugify(structure.name)}_v{number}_{day.isoformat()}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@facilitator_gated
def health_project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    return _pdf_response(structure, project, project.latest_version())


@require_GET
@facilitator_gated
def health_project_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = _structure_for(request, pk)
    project = _project_for(structure)
    return _pdf_response(structure, project, _version_for(project, number))
