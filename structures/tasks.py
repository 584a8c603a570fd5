"""Background jobs of the hub."""

from __future__ import annotations

from celery import shared_task

from gecolib.pdf import warm_pdf_cache

from .documents import PDF_TEMPLATE, pdf_content_key, pdf_context
from .models import HealthProject


@shared_task(ignore_result=True)
def render_health_project_pdf(project_id: int, number: int) -> str | None:
    """Render a frozen version's PDF into the cache right after submission, so
    that its first download is served from the cache. Returns the digest."""
    project = HealthProject.objects.select_related("structure").filter(pk=project_id).first()
    version = project.versions.filter(number=number).first() if project else None
    if version is None:
        return None
    structure = project.structure
    return warm_pdf_cache(
        PDF_TEMPLATE,
        pdf_context(structure, project, version),
        content_key=pdf_content_key(structure, project, version),
    )
