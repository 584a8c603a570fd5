"""The dashboard panel of the RCPs: one's next meetings.

The RCPs' lines of the dashboard's « À faire » list (`todos`), one query per
kind whatever the size of the network:
- organisers: the proposed items to examine, and the minutes of each held
  meeting not validated yet — « Rédiger le compte rendu » until a draft is
  saved, « Valider le compte rendu » after;
- everyone: their own open decisions, and the invitations they have not
  answered (the agenda sent, the meeting to come), linked to their answer page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels
from gecolib.templatetags.french_dates import day_fr
from gecolib.todos import Todo, register_todos

from .enums import Answer
from .models import (
    AgendaItem,
    Decision,
    Invitee,
    Meeting,
    organised_structure_ids,
    structures_with_rcp_visible_to,
)
from .reminders import AGENDA_DAYS_BEFORE, MinutesLate3

PROPOSALS_SHOWN = 8
# The to-dos of one kind listed at most (the most urgent first).
TODO_SIZE = 20
# The minutes are due when their first reminder goes (3 days after the meeting).
MINUTES_DUE_DAYS = MinutesLate3.days
# A decision's text is cut past this length in its to-do.
DECISION_LABEL_LENGTH = 90


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    """One's next RCPs. What one has to do about RCPs (proposals to examine,
    minutes, decisions, answers) is in the « À faire » list (`todos`), once."""
    upcoming = list(
        Meeting.objects.visible_to(user)
        .upcoming()
        .filter(invitees__user=user)
        .select_related("structure")[:3]
    )
    if not upcoming:
        return []
    return [("rcp/_panel.html", {"upcoming": upcoming})]


@register_todos
def todos(user) -> list[Todo]:
    """The RCPs' to-dos of `user` (four queries)."""
    if not user.is_authenticated:
        return []
    return [
        *proposal_todos(user),
        *minutes_todos(user),
        *decision_todos(user),
        *answer_todos(user),
    ]


def proposal_todos(user) -> list[Todo]:
    """For organisers: each proposed item to accept or decline before the
    agenda leaves (one query)."""
    return [
        Todo(
            key=f"rcp-proposal-{item.pk}",
            label=_("Examiner le point proposé « %(title)s » pour la RCP du %(date)s")
            % {"title": item.title, "date": day_fr(item.meeting.date)},
            url=reverse("rcp:meeting", args=[item.meeting_id]) + "#propositions",
            topic=_("RCP"),
            # By the time the agenda leaves (by itself, AGENDA_DAYS_BEFORE days before).
            due=item.meeting.date
            - datetime.timedelta(days=0 if item.meeting.agenda_sent_at else AGENDA_DAYS_BEFORE),
        )
        for item in AgendaItem.objects.to_review_by(user)[:PROPOSALS_SHOWN]
    ]


def minutes_todos(user) -> list[Todo]:
    """For the organisers of a structure (who write and validate its minutes):
    each held meeting whose minutes are not validated, the most recent first
    (one query)."""
    meetings = (
        Meeting.objects.held()
        .filter(structure__in=organised_structure_ids(user), minutes_validated_at__isnull=True)
        .order_by("-starts_at", "-pk")[:TODO_SIZE]
    )
    result = []
    for meeting in meetings:
        date = day_fr(meeting.date)
        due = meeting.date + datetime.timedelta(days=MINUTES_DUE_DAYS)
        if meeting.minutes_version:  # a draft is saved: what is left is validating it
            result.append(
                Todo(
                    key=f"rcp-minutes-validate-{meeting.pk}",
                    label=_("Valider le compte rendu de la RCP du %(date)s") % {"date": date},
                    url=reverse("rcp:meeting", args=[meeting.pk]) + "#compte-rendu",
                    topic=_("RCP"),
                    due=due,
                )
            )
        else:
            result.append(
                Todo(
                    key=f"rcp-minutes-write-{meeting.pk}",
                    label=_("Rédiger le compte rendu de la RCP du %(date)s") % {"date": date},
                    url=reverse("rcp:minutes_edit", args=[meeting.pk]),
                    topic=_("RCP"),
                    due=due,
                )
            )
    return result


def decision_todos(user) -> list[Todo]:
    """The open decisions `user` is responsible for, the most urgent first,
    each once, leading to its row on its meeting's page (where it is marked
    done) (one query)."""
    decisions = (
        Decision.objects.visible_to(user)
        .open()
        .owned_by(user)
        .select_related("meeting")
        .order_by("due_date", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"rcp-decision-{decision.pk}",
            label=_("%(decision)s (décision de la RCP du %(date)s)")
            % {"decision": _shorten(decision.text), "date": day_fr(decision.meeting.date)},
            url=reverse("rcp:meeting", args=[decision.meeting_id]) + f"#decision-{decision.pk}",
            topic=_("RCP"),
            due=decision.due_date,
        )
        for decision in decisions
    ]


def answer_todos(user) -> list[Todo]:
    """The invitations `user` has not answered: the meeting to come, its
    agenda sent (the invitation received), leading to their answer page
    (one query)."""
    invitations = (
        Invitee.objects.filter(
            user=user,
            answer=Answer.NONE,
            meeting__in=Meeting.objects.upcoming().filter(agenda_sent_at__isnull=False),
            meeting__structure__in=structures_with_rcp_visible_to(user),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"rcp-answer-{invitee.pk}",
            label=_("Répondre à l'invitation à la RCP du %(date)s")
            % {"date": day_fr(invitee.meeting.date)},
            url=reverse("rcp:answer", args=[invitee.token]),
            topic=_("RCP"),
            due=invitee.meeting.date,
        )
        for invitee in invitations
    ]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= DECISION_LABEL_LENGTH:
        return text
    return text[: DECISION_LABEL_LENGTH - 1].rstrip() + "…"
