"""The self-assessments on the dashboard: a panel with one's campaigns (and,
for staff, the network's figures and the grids), and the « À faire » lines —
answering an open campaign, writing a closed campaign's synthesis, carrying
out one's actions of an improvement plan (one query each)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels
from gecolib.todos import Todo, register_todos
from structures.models import Structure

from .models import Action, Campaign, Consensus, Participant, structures_managed_for_assessments

TODO_SIZE = 20
PANEL_SIZE = 3
# A closed campaign without any consensus is a to-do for this long.
SYNTHESIS_TODO_DAYS = 90


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    """One's latest campaigns (one query); for staff, the links to the
    network's figures and to the grids."""
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return [("assessments/_panel_staff.html", {})]
    campaigns = list(
        Campaign.objects.filter(
            structure__in=Structure.objects.private_to(user),
            opened_at__gte=timezone.now() - datetime.timedelta(days=365),
        )
        .select_related("structure")
        .order_by("-opened_at", "-pk")[:PANEL_SIZE]
    )
    if not campaigns:
        return []
    return [("assessments/_panel.html", {"campaigns": campaigns})]


@register_todos
def todos(user) -> list[Todo]:
    if not user.is_authenticated:
        return []
    return [*answer_todos(user), *synthesis_todos(user), *action_todos(user)]


def answer_todos(user) -> list[Todo]:
    """Open campaigns one was invited to and has not finished answering."""
    participations = (
        Participant.objects.filter(
            user=user,
            submitted_at__isnull=True,
            campaign__in=Campaign.objects.open().filter(
                structure__in=Structure.objects.private_to(user)
            ),
        )
        .select_related("campaign__structure")
        .order_by("campaign__closes_on", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"assessment-answer-{participation.campaign_id}",
            label=_("Répondre à l'autoévaluation « %(title)s »")
            % {"title": participation.campaign.title},
            url=reverse("assessments:campaign_answer", args=[participation.campaign_id]),
            topic=_("Autoévaluation"),
            due=participation.campaign.closes_on,
        )
        for participation in participations
    ]


def synthesis_todos(user) -> list[Todo]:
    """For those who conclude a structure's campaigns (not staff, who would
    get every structure's): a campaign closed lately with no level retained
    yet."""
    if user.is_staff:
        return []
    today = timezone.localdate()
    campaigns = (
        Campaign.objects.closed(today)
        .filter(
            structure__in=structures_managed_for_assessments(user),
            closes_on__gte=today - datetime.timedelta(days=SYNTHESIS_TODO_DAYS),
        )
        .exclude(pk__in=Consensus.objects.values("campaign_id"))
        .order_by("closes_on", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"assessment-synthesis-{campaign.pk}",
            label=_("Retenir en équipe les niveaux de l'autoévaluation « %(title)s »")
            % {"title": campaign.title},
            url=reverse("assessments:campaign_consensus", args=[campaign.pk]),
            topic=_("Autoévaluation"),
            since=min(campaign.closes_on, today),
        )
        for campaign in campaigns
    ]


def action_todos(user) -> list[Todo]:
    """One's open actions of an improvement plan, the most urgent first."""
    actions = (
        Action.objects.visible_to(user)
        .open()
        .filter(owner=user)
        .order_by("due_date", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"assessment-action-{action.pk}",
            label=_("%(title)s (plan d'amélioration)") % {"title": action.title},
            url=reverse("assessments:action_done", args=[action.pk]),
            topic=_("Autoévaluation"),
            due=action.due_date,
        )
        for action in actions
    ]
