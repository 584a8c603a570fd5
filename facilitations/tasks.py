"""Follow-up reminders alone. The daily job (`gecolib.tasks.send_reminders`)
runs every app's reminders; this runs only this app's, for checks by hand."""

from __future__ import annotations

import datetime

from gecolib.reminders import run_reminders

from .reminders import FOLLOW_UP_REMINDERS


def followup_reminders(today: datetime.date | None = None) -> int:
    """Queue the follow-up reminders due `today`; returns how many e-mails."""
    return sum(run_reminders(today, kinds=[kind() for kind in FOLLOW_UP_REMINDERS]).values())
