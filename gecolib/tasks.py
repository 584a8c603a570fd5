from celery import shared_task

from .notifications import deliver


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, subject, body, recipients, notification_id=None):
    """Send one e-mail; retried with back-off when the mail server is unreachable."""
    deliver(subject, body, list(recipients), notification_id)
    return len(recipients)
