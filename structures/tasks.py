from celery import shared_task

from .models import CarpecReview


@shared_task
def send_carpec_reminders(days: int = 14) -> int:
    """Daily: remind coordinators of a CARPEC review within `days` days.
    Idempotent (keyed notifications), so a retried or doubled run is harmless."""
    return CarpecReview.objects.send_reminders(days=days)
