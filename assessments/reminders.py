"""Reminders of the self-assessments (see gecolib/reminders.py): a campaign
closing in 3 days, to the members who have not finished answering; an action
of an improvement plan due in 3 days or overdue, to its owner. Each is sent
once: the key holds the date reminded of."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gecolib.absolute_urls import absolute_url
from gecolib.reminders import DueDateReminder, ReminderKind, register_reminder
from structures.models import Membership

from .models import Action, Campaign, Participant

CLOSING_SOON_DAYS = 3
ACTION_DUE_SOON_DAYS = 3


@register_reminder
class CampaignClosingSoon(ReminderKind):
    code = "assessment_closing"
    label = _("Autoévaluation à terminer avant sa clôture")
    template = "assessments/emails/closing_soon"

    def due(self, today: datetime.date):
        return (
            Campaign.objects.open(today)
            .filter(closes_on=today + datetime.timedelta(days=CLOSING_SOON_DAYS))
            .select_related("structure")
        )

    def recipients(self, campaign: Campaign):
        return [
            participant.user
            for participant in Participant.objects.filter(
                campaign=campaign,
                submitted_at__isnull=True,
                user__in=Membership.objects.current()
                .filter(structure=campaign.structure_id)
                .values("user_id"),
            )
            .select_related("user")
            .order_by("pk")
        ]

    def target_date(self, campaign: Campaign) -> datetime.date:
        return campaign.closes_on

    def context(self, campaign: Campaign) -> dict:
        return {
            "campaign": campaign,
            "url": absolute_url(reverse("assessments:campaign_answer", args=[campaign.pk])),
        }


class ActionReminder(DueDateReminder):
    """An action's due date, reminded to its owner while they read the campaign."""

    def items(self):
        return Action.objects.open().select_related("owner", "campaign__structure")

    def recipients(self, action: Action):
        if Campaign.objects.visible_to(action.owner).filter(pk=action.campaign_id).exists():
            return [action.owner]
        return []

    def context(self, action: Action) -> dict:
        return {"action": action, "url": absolute_url(action.get_absolute_url())}


@register_reminder
class ActionDueSoon(ActionReminder):
    code = "assessment_action_due"
    label = _("Action d'amélioration à échéance dans 3 jours")
    template = "assessments/emails/action_due"
    soon_days = (0, ACTION_DUE_SOON_DAYS)


@register_reminder
class ActionOverdue(ActionReminder):
    code = "assessment_action_overdue"
    label = _("Action d'amélioration en retard")
    template = "assessments/emails/action_overdue"
    overdue = True
