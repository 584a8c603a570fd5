"""Large exports built in the background, with their progress shown.

An app declares what it can export in the background with
`@register_export(kind)`: a function `(params, out, progress) -> None` that
writes the file to the binary stream `out` and calls `progress(done,
total)` as it goes. A view decides, from the number of rows, whether the
export is small (answered at once) or large: `start_export(request, kind,
params, title=, filename=, content_type=)` then stores an `ExportJob`,
queues the task `run_export` once the transaction commits, and
returns the job page, where a progress bar (htmx polling) becomes a download
link when the file is ready. Without a broker (the embedded default) the
task runs in process, and the page is ready when it opens.

Files live under GECOLIB_EXPORTS_DIR (outside MEDIA_ROOT: no public URL),
are served only to who asked, and are deleted after a day with their job.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone

from .models import ExportJob
from .notifications import QUEUE_ERRORS

logger = logging.getLogger(__name__)

# Above this many rows an export goes to the background.
BACKGROUND_ROWS = 5_000
# How long a finished file is kept.
KEEP_FOR = datetime.timedelta(days=1)
# Progress is written every this many rows (one UPDATE each time).
PROGRESS_EVERY = 1_000

Builder = Callable[[dict, BinaryIO, Callable[[int, int], None]], None]
_builders: dict[str, Builder] = {}


def register_export(kind: str) -> Callable[[Builder], Builder]:
    def decorator(builder: Builder) -> Builder:
        _builders[kind] = builder
        return builder

    return decorator


def exports_dir() -> Path:
    return Path(settings.GECOLIB_EXPORTS_DIR)


def job_path(job: ExportJob) -> Path:
    return exports_dir() / f"{job.pk}.bin"


def start_export(request, kind: str, params: dict, *, title: str, filename: str, content_type: str):
    """Store the job, queue its building, and send the user to its page."""
    if kind not in _builders:
        raise KeyError(kind)
    job = ExportJob.objects.create(
        user=request.user,
        kind=kind,
        params=params,
        title=title,
        filename=filename,
        content_type=content_type,
    )
    transaction.on_commit(lambda: _queue(job.pk))
    return redirect("export_job", pk=job.pk)


def _queue(job_id) -> None:
    try:
        run_export.delay(str(job_id))
    except QUEUE_ERRORS:
        logger.warning("Export %s non mis en file : construit sur place.", job_id, exc_info=True)
        build(job_id)


def build(job_id) -> str:
    """Build a job's file (the task's body). Returns its final status."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
        status=ExportJob.Status.RUNNING
    )
    if not claimed:  # already built, or being built by another worker
        return ExportJob.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""
    job = ExportJob.objects.get(pk=job_id)
    exports_dir().mkdir(parents=True, exist_ok=True)
    path = job_path(job)
    last = [0]

    def progress(done: int, total: int) -> None:
        if done - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = done
            ExportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        with path.open("wb") as out:
            _builders[job.kind](job.params, out, progress)
    except Exception:
        logger.exception("Échec de l'export %s (%s)", job.pk, job.kind)
        path.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now()
        )
        return ExportJob.Status.FAILED
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, finished_at=timezone.now()
    )
    return ExportJob.Status.DONE


@shared_task(ignore_result=True)
def run_export(job_id: str) -> str:
    """Celery: build one export job (re-exported by gecolib.tasks)."""
    return build(job_id)


@shared_task(ignore_result=True)
def sweep_exports() -> int:
    """Daily: delete the exports older than a day."""
    return sweep()


def sweep(now: datetime.datetime | None = None) -> int:
    """Delete the jobs (and files) older than a day; returns how many."""
    limit = (now or timezone.now()) - KEEP_FOR
    old = list(ExportJob.objects.filter(created_at__lt=limit))
    for job in old:
        job_path(job).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
