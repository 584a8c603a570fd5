"""Pages of a background export (gecolib/background_exports.py): its
progress, and its file once ready — for the person who asked, nobody else."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..background_exports import job_path
from ..models import ExportJob


def _own_job(request: HttpRequest, pk) -> ExportJob:
    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=pk)


@require_GET
def export_job(request: HttpRequest, pk) -> HttpResponse:
    return render(request, "gecolib/export_job.html", {"job": _own_job(request, pk)})


@require_GET
def export_job_progress(request: HttpRequest, pk) -> HttpResponse:
    """The progress fragment the job page polls (htmx) until the file is ready.
    A finished job answers 286, which tells htmx to stop polling."""
    job = _own_job(request, pk)
    finished = job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED)
    response = render(request, "gecolib/_export_job_progress.html", {"job": job})
    if finished and request.headers.get("HX-Request"):
        response.status_code = 286
    return response


@require_GET
def export_job_file(request: HttpRequest, pk) -> FileResponse:
    job = _own_job(request, pk)
    path = job_path(job)
    if job.status != ExportJob.Status.DONE or not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=job.filename, content_type=job.content_type
    )
