"""Reminders of the structures app (see gecolib/reminders.py)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from gecolib.reminders import ReminderKind, register_reminder

from .models import CarpecReview

# Days before a CARPEC session when coordinators are reminded of it.
CARPEC_REMINDER_DAYS = 14


@register_reminder
class CarpecReviewReminder(ReminderKind):
    """A pending CARPEC review of the structure within 14 days, to its
    coordinators (to its contact address when it has none)."""

    code = "carpec_review"
    label = _("Examen de ma structure par la CARPEC dans les 14 jours (coordinateurs)")
    template = "structures/email/carpec_reminder"

    def due(self, today: datetime.date):
        reviews = CarpecReview.objects.due_for_reminder(today, CARPEC_REMINDER_DAYS)
        return reviews.with_coordinators()

    def recipients(self, review: CarpecReview):
        coordinators = [m.user for m in review.structure.coordinator_memberships]
        if not coordinators and review.structure.contact_email:
            return [review.structure.contact_email]
        return coordinators

    def target_date(self, review: CarpecReview) -> datetime.date:
        return review.session.date

    def key(self, review: CarpecReview) -> str:
        # The key used before reminders had one shape: what was sent stays sent.
        return f"carpec-reminder:{review.pk}:{review.session.date.isoformat()}"

    def context(self, review: CarpecReview) -> dict:
        return {"review": review, "structure": review.structure, "session": review.session}
