"""Background jobs: e-mail reminders of follow-up actions."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from gecolib.notifications import notify

from .models import FollowUpAction


def followup_reminders(today: datetime.date | None = None) -> int:
    """E-mail each assignee of an open follow-up due tomorrow (once) or overdue
    (once per due date), for open facilitations. Idempotent through the
    notification key: running it twice sends nothing twice. The e-mail never
    carries session notes."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    sent = 0
    follow_ups = (
        FollowUpAction.objects.due_before(tomorrow)
        .filter(
            assignee__isnull=False,
            assignee__is_active=True,
            facilitation__status__in=["en_cours", "en_pause"],
        )
        .select_related("assignee", "facilitation__structure")
    )
    for follow_up in follow_ups:
        overdue = follow_up.due_date < today
        kind = "overdue" if overdue else "tomorrow"
        if not overdue and follow_up.due_date != tomorrow:
            continue  # due today: the "tomorrow" reminder went out yesterday
        if notify(
            follow_up.assignee.email,
            "facilitations/emails/followup_reminder",
            {"follow_up": follow_up, "overdue": overdue},
            key=f"followup-{follow_up.pk}-{follow_up.due_date}-{kind}",
        ):
            sent += 1
    return sent


@shared_task
def send_followup_reminders() -> int:
    return followup_reminders()
