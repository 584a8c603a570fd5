"""E-mail notifications: stored first, sent after, swept when left behind.

`notify()` renders a French e-mail from templates and stores it as a
`SentNotification` (recipients, subject, body) under a unique key, then, once
the transaction commits, queues `send_notification`. The key makes it
idempotent: the same key is stored, hence sent, once, however often a reminder
job runs or is retried.

A notification is marked sent only after the mail server accepted it. If the
broker is down when queueing, or the mail server when sending, the row stays
unsent and `send_pending()` (the sweep, run every few minutes by celery beat)
sends it later: an outage delays an e-mail, it neither loses nor doubles it.

Files may be attached (`attachments=[Attachment(...)]`: a calendar invitation,
the PDF of a document): they are stored with the row (base64), so that a
notification sent late by the sweep carries exactly what was meant at the time.
"""

from __future__ import annotations

import base64
import datetime
import logging
import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .models import SentNotification

logger = logging.getLogger(__name__)

# What a mail server that is down or refuses a message raises.
SEND_ERRORS = (OSError, smtplib.SMTPException)
# What queueing raises when the broker is unreachable.
QUEUE_ERRORS = (BrokerError, OSError)
# The send task's own retries: 1, 2, 4, then 8 minutes; the sweep takes over after.
SEND_RETRIES = 4
SEND_RETRY_SECONDS = 60
# A notification is swept once it has been unsent for this long.
SWEEP_AFTER = datetime.timedelta(minutes=10)
SWEEP_BATCH = 100


@dataclass(frozen=True)
class Attachment:
    """A file joined to an e-mail. `mimetype` may carry parameters, such as
    "text/calendar; method=REQUEST" for an invitation."""

    filename: str
    content: bytes
    mimetype: str

    def stored(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": base64.b64encode(self.content).decode("ascii"),
        }

    @classmethod
    def from_stored(cls, data: dict) -> Attachment:
        return cls(data["filename"], base64.b64decode(data["content"]), data["mimetype"])


def stored_attachments(notification: SentNotification) -> list[Attachment]:
    return [Attachment.from_stored(data) for data in notification.attachments or []]


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    """`<prefix>_subject.txt` and `<prefix>_body.txt`, rendered with site_url,
    as plain text (the « text » template engine: nothing HTML-escaped)."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context, using="text").strip()
    body = render_to_string(f"{template_prefix}_body.txt", context, using="text")
    return " ".join(subject.split()), body


def notify(
    recipients: Iterable[str] | str,
    template_prefix: str,
    context: dict,
    *,
    key: str | None = None,
    attachments: Iterable[Attachment] = (),
) -> bool:
    """Store an e-mail and queue it once the transaction commits.

    Returns False when there is nobody to write to, or when `key` was already
    used (nothing stored, nothing queued). Without a key, a unique one is made,
    so that the e-mail is swept like any other if it is left unsent."""
    if isinstance(recipients, str):
        recipients = [recipients]
    recipients = list(dict.fromkeys(r for r in recipients if r))
    if not recipients:
        return False
    subject, body = render_email(template_prefix, context)
    try:
        with transaction.atomic():
            notification = SentNotification.objects.create(
                key=(key or f"{template_prefix}:{uuid.uuid4().hex}")[:255],
                template=template_prefix[:200],
                recipients=recipients,
                subject=subject[:255],
                body=body,
                attachments=[attachment.stored() for attachment in attachments],
            )
    except IntegrityError:
        return False
    transaction.on_commit(lambda: queue(notification.pk))
    return True


def queue(notification_id: int) -> None:
    """Queue the sending. A broker outage must not fail the request that
    notified: the row stays unsent and the sweep sends it later."""
    try:
        send_notification.delay(notification_id)
    except QUEUE_ERRORS:
        logger.warning(
            "Notification %s non mise en file (broker injoignable) : "
            "elle sera envoyée par la reprise des envois.",
            notification_id,
            exc_info=True,
        )


def deliver(notification_id: int) -> bool:
    """Send one stored notification unless it was sent already.

    The row is locked (PostgreSQL) while sending and re-read unsent, so the
    send task and the sweep never both send it; it is marked sent only after
    the mail server accepted it. Returns False when there was nothing to send.
    Raises SEND_ERRORS after counting the failed attempt."""
    try:
        with transaction.atomic():
            notification = (
                SentNotification.objects.select_for_update(skip_locked=True)
                .filter(pk=notification_id, sent_at__isnull=True)
                .first()
            )
            if notification is None:
                return False
            message = EmailMessage(
                settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notification.subject,
                notification.body,
                settings.DEFAULT_FROM_EMAIL,
                notification.recipients,
            )
            for attachment in stored_attachments(notification):
                message.attach(attachment.filename, attachment.content, attachment.mimetype)
            message.send()
            SentNotification.objects.filter(pk=notification.pk).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
    except SEND_ERRORS as error:
        SentNotification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=repr(error)[:255]
        )
        raise
    return True


@shared_task(bind=True, ignore_result=True, max_retries=SEND_RETRIES)
def send_notification(self, notification_id: int) -> bool:
    """Send a stored notification, retried with back-off while the mail server
    is unreachable. Run in-process (no broker), a failure is only logged: the
    request goes on and the sweep tries again."""
    try:
        return deliver(notification_id)
    except SEND_ERRORS as error:
        if self.request.is_eager:
            logger.warning("Notification %s non envoyée : %r", notification_id, error)
            return False
        countdown = SEND_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(exc=error, countdown=countdown) from error


def send_pending(*, older_than: datetime.timedelta = SWEEP_AFTER) -> int:
    """The sweep: send what was left unsent (broker down when queueing, mail
    server down past the task's retries, a worker that died). Returns the
    number sent."""
    pending = SentNotification.objects.to_retry(older_than=older_than)
    sent = 0
    for notification_id in pending.values_list("pk", flat=True)[:SWEEP_BATCH]:
        try:
            sent += deliver(notification_id)
        except SEND_ERRORS as error:
            logger.warning("Notification %s toujours non envoyée : %r", notification_id, error)
    return sent
