"""E-mail notifications and reminders.

`notify()` renders a French e-mail from templates and sends it through a Celery
task after the current transaction commits. A `key` makes it idempotent: the
same key is sent once, however often a reminder job runs or is retried.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import SentNotification


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    """`<prefix>_subject.txt` and `<prefix>_body.txt`, rendered with site_url."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def notify(
    recipients: list[str] | str,
    template_prefix: str,
    context: dict,
    *,
    key: str | None = None,
) -> bool:
    """Queue an e-mail. Returns False when `key` was already sent (nothing queued)."""
    if isinstance(recipients, str):
        recipients = [recipients]
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    subject, body = render_email(template_prefix, context)
    notification_id = None
    if key:
        try:
            with transaction.atomic():
                notification = SentNotification.objects.create(
                    key=key[:255], recipient=recipients[0], subject=subject[:255]
                )
        except IntegrityError:
            return False
        notification_id = notification.pk

    from .tasks import send_email

    transaction.on_commit(
        lambda: send_email.delay(subject, body, recipients, notification_id=notification_id)
    )
    return True


def deliver(subject: str, body: str, recipients: list[str], notification_id: int | None) -> None:
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    if notification_id:
        SentNotification.objects.filter(pk=notification_id).update(sent_at=timezone.now())
