"""Reminders of follow-up actions (see gecolib/reminders.py): to the person the
action is given to, the day before it is due and once it is overdue. The
e-mail never carries session notes.

The questionnaire of a closed facilitation (facilitations/feedback.py): sent
when it closes, sent by the daily job if that failed, and reminded once, 7
days later, to whoever has not answered."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.reminders import DueDateReminder, ReminderKind, register_reminder

from .enums import CLOSED_FACILITATION_STATUSES, FacilitationStatus
from .feedback import INVITATION_TEMPLATE, answer_url, send_questionnaires
from .models import Facilitation, FeedbackInvitation, FollowUpAction
from .models.feedback import REMINDER_AFTER_DAYS

# The daily job sends the questionnaires of facilitations closed this many
# days ago at most whose sending failed (a broker outage at closing time).
FEEDBACK_CATCH_UP_DAYS = 14


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


@register_reminder
class FeedbackQuestionnaire(ReminderKind):
    """The questionnaire of a facilitation closed lately, when it was not sent
    at closing (the sending is an action of its own, as an RCP's agenda)."""

    code = "facilitation_feedback"
    label = _("Questionnaire de fin de facilitation")
    optional = False
    template = INVITATION_TEMPLATE

    def due(self, today: datetime.date):
        since = today - datetime.timedelta(days=FEEDBACK_CATCH_UP_DAYS)
        return Facilitation.objects.filter(
            status__in=CLOSED_FACILITATION_STATUSES,
            feedback_sent_at__isnull=True,
            closed_at__date__gte=since,
        ).select_related("request")

    def recipients(self, facilitation: Facilitation):
        return []

    def target_date(self, facilitation: Facilitation) -> datetime.date:
        return timezone.localdate(facilitation.closed_at)

    def deliver(self, facilitation: Facilitation, addresses: list[str], key: str) -> bool:
        return send_questionnaires(facilitation) > 0


@register_reminder
class FeedbackReminder(ReminderKind):
    """Once, 7 days after the questionnaire, to whoever has not answered
    (a missed day is caught up the next days, the key keeps it once)."""

    code = "facilitation_feedback_reminder"
    label = _("Rappel du questionnaire de fin de facilitation (une fois, 7 jours après)")
    template = INVITATION_TEMPLATE

    def due(self, today: datetime.date):
        first = today - datetime.timedelta(days=REMINDER_AFTER_DAYS + FEEDBACK_CATCH_UP_DAYS)
        last = today - datetime.timedelta(days=REMINDER_AFTER_DAYS)
        start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        end = timezone.make_aware(
            datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
        )
        return (
            FeedbackInvitation.objects.unanswered()
            .filter(sent_at__gte=start, sent_at__lt=end, user__is_active=True)
            .select_related("user", "facilitation__structure")
        )

    def recipients(self, invitation: FeedbackInvitation):
        return [invitation.user]

    def target_date(self, invitation: FeedbackInvitation) -> datetime.date:
        return invitation.reminder_date

    def key(self, invitation: FeedbackInvitation) -> str:
        return f"feedback-reminder-{invitation.pk}-{invitation.reminder_date.isoformat()}"

    def context(self, invitation: FeedbackInvitation) -> dict:
        return {
            "facilitation": invitation.facilitation,
            "person": invitation.user,
            "url": answer_url(invitation),
            "reminder": True,
        }
