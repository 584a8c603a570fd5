"""The health project's PDF, of the latest version or of any version."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from gecolib.pdf import pdf_response

from ...access import get_health_project, get_health_project_version, get_structure
from ...documents import PDF_TEMPLATE, pdf_content_key, pdf_context, pdf_filename


@require_GET
def health_project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = project.latest_version()
    # The ETag is known before the document is built: a 304, or a PDF kept
    # already, costs neither its context nor its HTML.
    return pdf_response(
        PDF_TEMPLATE,
        lambda: pdf_context(structure, project, version),
        pdf_filename(structure, version),
        request=request,
        content_key=pdf_content_key(structure, project, version),
    )


@require_GET
def health_project_version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = get_health_project_version(project, number)
    # The ETag is known before the document is built: a 304, or a PDF kept
    # already, costs neither its context nor its HTML.
    return pdf_response(
        PDF_TEMPLATE,
        lambda: pdf_context(structure, project, version),
        pdf_filename(structure, version),
        request=request,
        content_key=pdf_content_key(structure, project, version),
    )
