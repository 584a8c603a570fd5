"""RCP reminders are sent once, even when the daily job runs twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.models import ReminderOptOut
from gecolib.reminders import run_reminders
from protocols.rcp import reminders
from tests.protocols.rcp.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _run(kind, today=TODAY):
    return run_reminders(today, kinds=[kind()])[kind.code]


def test_meeting_tomorrow_once(structure, coordinator, member, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(1))
    meeting.invitees.filter(user=coordinator).update(answer="excuse")
    MeetingFactory(structure=structure, starts_at=in_days(2))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(reminders.MeetingTomorrow) == 1
        assert _run(reminders.MeetingTomorrow) == 0
    assert [m.to for m in mail.outbox] == [[member.email]]  # the excused one is spared
    assert "demain" in mail.outbox[0].subject


def test_minutes_late_three_and_seven_days_after_to_the_organisers(
    structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(-3))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(reminders.MinutesLate3) == 1
        assert _run(reminders.MinutesLate3) == 0
        assert _run(reminders.MinutesLate7) == 0
        later = TODAY + datetime.timedelta(days=4)
        assert _run(reminders.MinutesLate7, later) == 1
        assert _run(reminders.MinutesLate7, later) == 0
    assert [m.to for m in mail.outbox] == [[coordinator.email], [coordinator.email]]
    # Validated minutes: no reminder.
    meeting.minutes_validated_at = timezone.now()
    meeting.save()
    other = MeetingFactory(structure=structure, starts_at=in_days(-3))
    other.minutes_validated_at = timezone.now()
    other.save()
    assert _run(reminders.MinutesLate3, TODAY + datetime.timedelta(days=1)) == 0


def test_decision_due_soon_and_overdue_once(structure, member, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(structure=structure, past=True)
    soon = DecisionFactory(meeting=meeting, owner=member, due_date=TODAY + datetime.timedelta(3))
    DecisionFactory(meeting=meeting, owner=member, due_date=TODAY + datetime.timedelta(10))
    late = DecisionFactory(meeting=meeting, owner=member, due_date=TODAY - datetime.timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(reminders.DecisionDueSoon) == 1
        assert _run(reminders.DecisionDueSoon) == 0
        assert _run(reminders.DecisionOverdue) == 1
        assert _run(reminders.DecisionOverdue) == 0
    subjects = [m.subject for m in mail.outbox]
    assert any("échéance" in s for s in subjects) and any("en retard" in s for s in subjects)
    # The meeting's title and a link, never the decision's text (finding 13).
    for message in mail.outbox:
        assert soon.text not in message.body and meeting.title in message.body
        assert meeting.get_absolute_url() in message.body
    # Done: no more reminders; a moved due date reminds again.
    late.mark_done(by=member)
    soon.due_date = TODAY + datetime.timedelta(2)
    soon.save()
    assert _run(reminders.DecisionDueSoon) == 1


def test_opting_out(structure, member):
    meeting = MeetingFactory(structure=structure, past=True)
    DecisionFactory(meeting=meeting, owner=member, due_date=TODAY + datetime.timedelta(1))
    ReminderOptOut.objects.create(user=member, kind="rcp_decision_due")
    assert _run(reminders.DecisionDueSoon) == 0


def test_agenda_sent_automatically_seven_days_before_once(
    structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(7))
    AgendaItemFactory(meeting=meeting)
    later = MeetingFactory(structure=structure, starts_at=in_days(8))
    sent_by_hand = MeetingFactory(structure=structure, starts_at=in_days(5))
    sent_by_hand.agenda_sent_at = timezone.now()
    sent_by_hand.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(reminders.AgendaNotSent) == 1
        assert _run(reminders.AgendaNotSent) == 0
    assert len(mail.outbox) == 2  # the coordinator and the member, each with the .ics
    assert all(m.attachments for m in mail.outbox)
    meeting.refresh_from_db()
    later.refresh_from_db()
    assert meeting.agenda_sent_at is not None and later.agenda_sent_at is None
