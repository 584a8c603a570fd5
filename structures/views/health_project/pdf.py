"""The health project's PDF, of the latest version or of any version."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.pdf import pdf_response

from ...access import get_health_project, get_health_project_version, get_structure
from ...documents import document_context
from ...models import HealthProject, HealthProjectVersion, Structure

TEMPLATE = "structures/health_project/pdf.html"


def _context(
    structure: Structure, project: HealthProject, version: HealthProjectVersion | None
) -> dict:
    sections = version.sections if version else project.sections
    return {
        "structure": structure,
        "project": project,
        "version": version,
        **document_context(structure, sections),
    }


def _filename(structure: Structure, version: HealthProjectVersion | None) -> str:
    """projet-de-sante_<structure>_v<number>_<date of the version>.pdf (v0: no version yet)."""
    number = version.number if version else 0
    day = timezone.localdate(version.created_at) if version else timezone.localdate()
    return f"projet-de-sante_{slugify(structure.name)}_v{number}_{day.isoformat()}.pdf"


@require_GET
def health_project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = project.latest_version()
    return pdf_response(
        TEMPLATE, _context(structure, project, version), _filename(structure, version)
    )


@require_GET
def health_project_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = get_health_project_version(project, number)
    return pdf_response(
        TEMPLATE, _context(structure, project, version), _filename(structure, version)
    )
