"""Follow-up reminders: due tomorrow or overdue, once, to the assignee."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.models import ReminderOptOut
from gecolib.tasks import send_reminders
from tests.facilitations.factories import FollowUpFactory
from tests.facilitations.reminders import followup_reminders

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
        sent = send_reminders.delay().get()
    assert sent["followup_due_tomorrow"] == 1
    assert sent["followup_overdue"] == 1
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


def test_a_moved_due_date_reminds_again(facilitation, member, django_capture_on_commit_callbacks):
    follow_up = FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_reminders() == 1
        assert followup_reminders() == 0
    # Put off to tomorrow: reminded the day before the new date.
    follow_up.due_date = timezone.localdate() + datetime.timedelta(days=1)
    follow_up.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_reminders() == 1
    assert len(mail.outbox) == 2
    assert "demain" in mail.outbox[-1].subject


def test_opted_out_assignee_is_not_reminded(
    facilitation, member, facilitator, django_capture_on_commit_callbacks
):
    ReminderOptOut.objects.create(user=member, kind="followup_overdue")
    FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    FollowUpFactory(facilitation=facilitation, assignee=facilitator, overdue=True)
    FollowUpFactory(
        facilitation=facilitation,
        assignee=member,
        due_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_reminders() == 2
    assert sorted((m.to[0], "retard" in m.subject) for m in mail.outbox) == [
        (facilitator.email, True),
        (member.email, False),
    ]
