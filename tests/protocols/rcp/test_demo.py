"""Demo RCPs: a year of monthly meetings in the demo ESP, every state, idempotent."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from protocols.rcp.demo import CASE_DECISIONS, CASES, TOPIC_DECISIONS, TOPICS
from protocols.rcp.enums import DecisionStatus, MeetingStatus
from protocols.rcp.models import (
    AgendaItem,
    Decision,
    Guest,
    Invitee,
    Meeting,
    MeetingSeries,
    MinutesRevision,
)
from protocols.rcp.series import holiday_notice

pytestmark = pytest.mark.django_db


def test_demo_rcps():
    call_command("demo_data")
    esp_meetings = Meeting.objects.filter(structure__name="ESP de Lamballe-Penthièvre")
    counts = (esp_meetings.count(), AgendaItem.objects.count(), Decision.objects.count())
    # The monthly series, and a short one that starts on a public holiday.
    monthly = esp_meetings.exclude(title="RCP plaies chroniques")
    assert 13 <= monthly.count() <= 14 and counts[0] == monthly.count() + 3
    meetings = monthly
    coordinator = meetings.first().created_by
    assert coordinator.email == "professionnel@demo.gecolib.fr"
    held = meetings.held()
    assert held.count() >= 10
    assert meetings.filter(status=MeetingStatus.CANCELLED).count() == 1
    # Minutes validated for all but the last held one.
    assert held.filter(minutes_validated_at__isnull=True).count() == 1
    assert all(
        m.minutes_revisions.filter(frozen=True).exists()
        for m in held.exclude(minutes_validated_at=None)
    )
    # The next one: its agenda sent, with answers.
    upcoming = meetings.upcoming().first()
    assert upcoming.agenda_sent_at is not None
    assert upcoming.invitees.exclude(answer="").exists()
    # Decisions in every state, an overdue one among them; cases labelled.
    today = timezone.localdate()
    states = set(Decision.objects.values_list("status", flat=True))
    assert states == {DecisionStatus.OPEN, DecisionStatus.DONE, DecisionStatus.ABANDONED}
    assert Decision.objects.overdue(today).exists()
    assert Decision.objects.open().filter(due_date__gte=today).exists()
    assert Decision.objects.filter(to_protocol=True).exists()
    assert Decision.objects.filter(ppcs=True).exists()
    assert not AgendaItem.objects.on_agenda().filter(kind="cas", case_label="").exists()
    # The one after: a member's proposal waits for the coordinator (no label yet).
    (proposal,) = AgendaItem.objects.proposed()
    assert proposal.meeting.agenda_sent_at is None and not proposal.meeting.has_started
    assert proposal.proposed_by.email == "kine@demo.gecolib.fr" and proposal.case_label == ""
    assert list(AgendaItem.objects.to_review_by(coordinator)) == [proposal]
    assert upcoming.invitees.filter(answer="peut_etre").exists()
    # Two outside guests of the next RCP, one who answered.
    guests = {guest.name: guest for guest in upcoming.guests.all()}
    assert set(guests) == {"Yann Kerhervé", "Claire Le Bihan"}
    assert guests["Yann Kerhervé"].answer == "present" and guests["Claire Le Bihan"].answer == ""
    # The short series starts on a public holiday, flagged with its move.
    first_on_holiday = esp_meetings.filter(title="RCP plaies chroniques").earliest("starts_at")
    notice = holiday_notice(first_on_holiday)
    assert notice is not None and notice.movable
    assert esp_meetings.upcoming().first() == upcoming
    # Idempotent.
    call_command("demo_data")
    assert (esp_meetings.count(), AgendaItem.objects.count(), Decision.objects.count()) == counts
    # The demo professional has open decisions on the dashboard.
    assert Decision.objects.open().filter(owner=coordinator, due_date__gte=today).exists()


def test_demo_rcps_pass_the_team_data_checks():
    """No demo text looks like patient identity, no demo date is out of range
    (gecolib.team_data): the demo shows what the forms accept."""
    call_command("demo_data")
    rows = [
        *MeetingSeries.objects.all(),
        *Meeting.objects.all(),
        *Invitee.objects.all(),
        *AgendaItem.objects.all(),
        *Decision.objects.all(),
        *MinutesRevision.objects.all(),
        *Guest.objects.all(),
    ]
    assert len(rows) > 50
    for row in rows:
        row.full_clean()


def test_demo_decisions_belong_to_their_item_and_none_comes_three_times():
    """Coherent demo: a decision is never repeated a third time, and each is
    attached to the case or topic it is about."""
    call_command("demo_data")
    texts = Counter(Decision.objects.values_list("text", flat=True))
    assert texts and max(texts.values()) <= 2
    belongs = {
        text: title
        for (title, *_), decisions in zip(CASES, CASE_DECISIONS, strict=True)
        for text, *_ in decisions
    }
    belongs |= {
        text: title
        for (_kind, title), decisions in zip(TOPICS, TOPIC_DECISIONS, strict=True)
        for text, *_ in decisions
    }
    for decision in Decision.objects.select_related("item"):
        assert decision.item.title == belongs[decision.text], decision.text
