"""Background jobs of the core: sending notifications, the reminders run and
the sweep of notifications left unsent. The schedule is in gecolib/celery.py."""

import logging

from celery import shared_task
from django.db import transaction

from . import pdf
from .background_exports import run_export, sweep_exports
from .notifications import QUEUE_ERRORS, send_notification, send_pending
from .reminders import run_reminders

__all__ = [
    "enqueue",
    "run_export",
    "send_notification",
    "send_pending_notifications",
    "send_reminders",
    "sweep_exports",
    "sweep_pdf_cache",
]

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def send_reminders() -> dict[str, int]:
    """Daily: every app's due reminders. Idempotent, so a doubled or retried
    run sends nothing twice."""
    return run_reminders()


@shared_task(ignore_result=True)
def send_pending_notifications() -> int:
    """Every few minutes: send again what was left unsent."""
    return send_pending()


# Cached PDFs nobody downloaded for this long are deleted by the daily sweep.
PDF_CACHE_MAX_AGE_DAYS = 30


@shared_task(ignore_result=True)
def sweep_pdf_cache() -> int:
    """Daily: delete the cached PDFs nobody asked for in a month."""
    return pdf.sweep_pdf_cache(PDF_CACHE_MAX_AGE_DAYS)


def enqueue(task, *args) -> None:
    """Queue `task` once the transaction commits; a broker outage is logged and
    never fails the request (the work is only an optimisation or is swept)."""

    def send() -> None:
        try:
            task.delay(*args)
        except QUEUE_ERRORS:
            logger.warning(
                "Tâche %s non mise en file (broker injoignable).", task.name, exc_info=True
            )

    transaction.on_commit(send)
