"""Background jobs of the core: sending notifications, the reminders run and
the sweep of notifications left unsent. The schedule is in gecolib/celery.py."""

from celery import shared_task

from .notifications import send_notification, send_pending
from .reminders import run_reminders

__all__ = ["send_notification", "send_pending_notifications", "send_reminders"]


@shared_task(ignore_result=True)
def send_reminders() -> dict[str, int]:
    """Daily: every app's due reminders. Idempotent, so a doubled or retried
    run sends nothing twice."""
    return run_reminders()


@shared_task(ignore_result=True)
def send_pending_notifications() -> int:
    """Every few minutes: send again what was left unsent."""
    return send_pending()
