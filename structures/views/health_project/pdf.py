"""The health project's PDF, of the latest version or of any version."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.pdf import render_pdf

from ...access import get_health_project, get_health_project_version, get_structure
from ...documents import document_context
from ...models import HealthProject, HealthProjectVersion, Structure

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
def health_project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    return _pdf_response(structure, project, project.latest_version())


@require_GET
def health_project_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    return _pdf_response(structure, project, get_health_project_version(project, number))
