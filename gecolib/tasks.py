"""Background jobs of the core: sending notifications and the sweep of
notifications left unsent."""

from celery import shared_task

from .notifications import send_notification, send_pending

__all__ = ["send_notification", "send_pending_notifications"]


@shared_task(ignore_result=True)
def send_pending_notifications() -> int:
    """Every few minutes: send again what was left unsent."""
    return send_pending()
