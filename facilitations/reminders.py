"""Reminders of follow-up actions (see gecolib/reminders.py): to the person the
action is given to, the day before it is due and once it is overdue. The
e-mail never carries session notes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gecolib.reminders import DueDateReminder, register_reminder

from .enums import FacilitationStatus
from .models import FollowUpAction


class FollowUpReminder(DueDateReminder):
    """Open follow-ups of ongoing facilitations, given to an active user."""

    template = "facilitations/emails/followup_reminder"

    def items(self):
        return (
            FollowUpAction.objects.open()
            .filter(
                assignee__isnull=False,
                assignee__is_active=True,
                facilitation__status__in=[
                    FacilitationStatus.IN_PROGRESS,
                    FacilitationStatus.PAUSED,
                ],
            )
            .select_related("assignee", "facilitation__structure")
        )

    def recipients(self, follow_up: FollowUpAction):
        return [follow_up.assignee]

    def key(self, follow_up: FollowUpAction) -> str:
        # The key used before reminders had one shape: what was sent stays sent.
        stage = "overdue" if self.overdue else "tomorrow"
        return f"followup-{follow_up.pk}-{follow_up.due_date.isoformat()}-{stage}"

    def context(self, follow_up: FollowUpAction) -> dict:
        return {"follow_up": follow_up, "overdue": self.overdue}


@register_reminder
class FollowUpDueTomorrow(FollowUpReminder):
    code = "followup_due_tomorrow"
    label = _("Action de suivi à faire le lendemain")
    soon_days = (1, 1)


@register_reminder
class FollowUpOverdue(FollowUpReminder):
    code = "followup_overdue"
    label = _("Action de suivi en retard (une fois par échéance)")
    overdue = True
