"""Follow-up reminders: due tomorrow or overdue, once, to the assignee."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from facilitations.schedule import BEAT_SCHEDULE
from facilitations.tasks import followup_reminders, send_followup_reminders
from tests.facilitations.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once(
    facilitation, member, facilitator, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    tomorrow = FollowUpFactory(
        facilitation=facilitation,
        assignee=member,
        title="Réserver la salle",
        due_date=today + datetime.timedelta(days=1),
    )
    late = FollowUpFactory(
        facilitation=facilitation, assignee=facilitator, title="Relancer l'ARS", overdue=True
    )
    FollowUpFactory(facilitation=facilitation, assignee=member, title="Plus tard")
    FollowUpFactory(facilitation=facilitation, assignee=None, overdue=True)
    done = FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    done.done_at = timezone.now()
    done.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_followup_reminders.delay().get() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {member.email, facilitator.email}
    assert "demain : Réserver la salle" in by_recipient[member.email].subject
    assert "en retard : Relancer l'ARS" in by_recipient[facilitator.email].subject
    assert "ESP des Abers" in by_recipient[facilitator.email].body
    assert "son échéance est dépassée" in by_recipient[facilitator.email].body
    assert "était à faire pour le" in by_recipient[facilitator.email].body
    assert "est à faire pour le" in by_recipient[member.email].body
    assert "dépassée" not in by_recipient[member.email].body
    assert f"/facilitations/{facilitation.pk}/" in by_recipient[member.email].body

    with django_capture_on_commit_callbacks(execute=True):
        assert followup_reminders() == 0
    assert len(mail.outbox) == 2

    # the next day, the first one is due today: no new e-mail; once overdue, one more
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_reminders(today + datetime.timedelta(days=1)) == 0
        assert followup_reminders(today + datetime.timedelta(days=2)) == 1
    assert mail.outbox[-1].to == [member.email]
    assert tomorrow.pk and late.pk


def test_closed_facilitations_send_nothing(facilitation, facilitator, member):
    FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    facilitation.abandon(by=facilitator, summary="Arrêt")
    assert followup_reminders() == 0


def test_beat_schedule_declares_the_job():
    entry = BEAT_SCHEDULE["facilitations-followup-reminders"]
    assert entry["task"] == "facilitations.tasks.send_followup_reminders"
    assert entry["schedule"].hour == {7}
