"""Run only the facilitations' reminder kinds (the daily job runs every app's)."""

from __future__ import annotations

import datetime

from facilitations.reminders import FollowUpDueTomorrow, FollowUpOverdue
from gecolib.reminders import run_reminders


def followup_reminders(today: datetime.date | None = None) -> int:
    """Queue the follow-up reminders due `today`; returns how many e-mails."""
    return sum(run_reminders(today, kinds=[FollowUpDueTomorrow(), FollowUpOverdue()]).values())
