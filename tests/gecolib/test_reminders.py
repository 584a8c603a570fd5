"""Reminders: every app's kinds, one daily job, once per item and date,
opt-outs honoured for optional kinds only, the beat schedule defined once."""

import datetime
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from gecolib import reminders
from gecolib.celery import app
from gecolib.models import ReminderOptOut, SentNotification
from gecolib.notifications import send_notification, send_pending
from gecolib.reminders import (
    ReminderKind,
    optional_reminder_kinds,
    reminder_kinds,
    run_reminders,
)
from gecolib.tasks import send_pending_notifications, send_reminders
from tests.facilitations.factories import FacilitationRequestFactory, FollowUpFactory
from tests.structures.factories import CarpecReviewFactory, CarpecSessionFactory

# The kinds of the hub and the facilitations, run by the tests below.
CORE_KINDS = {"carpec_review", "followup_due_tomorrow", "followup_overdue"}
# The other apps' kinds, each tested in its app's tests: they find nothing to
# remind in the data of the tests below.
OTHER_KINDS = {
    # protocols/rcp/reminders.py
    "rcp_agenda_auto",
    "rcp_meeting_tomorrow",
    "rcp_minutes_late_3",
    "rcp_minutes_late_7",
    "rcp_decision_due",
    "rcp_decision_overdue",
    # protocols/coordination/reminders.py, protocols/cooperation/reminders.py
    "protocol_review_soon",
    "protocol_review_passed",
    "cooperation_counts",
    "cooperation_new_declaration",
    # assessments/reminders.py
    "assessment_closing",
    "assessment_action_due",
    "assessment_action_overdue",
    # guide/reminders.py
    "guide_digest",
    # facilitations/reminders.py: the questionnaire of a closed facilitation
    "facilitation_feedback",
    "facilitation_feedback_reminder",
}

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 10)


class SessionSoon(ReminderKind):
    """A test kind: items are plain objects with a date and a user."""

    code = "test_session"
    label = "Séance de test"
    template = "structures/email/invitation"

    def __init__(self, items=()):
        self.items = list(items)

    def due(self, today):
        return [item for item in self.items if item.date >= today]

    def recipients(self, item):
        return [item.user]

    def target_date(self, item):
        return item.date

    def context(self, item):
        return {
            "invitation": SimpleNamespace(email=item.user.email, get_role_display="Membre"),
            "structure": SimpleNamespace(name=f"Séance {item.pk}"),
            "invited_by": SimpleNamespace(display_name="Claire"),
        }


class Mandatory(SessionSoon):
    code = "test_mandatory"
    optional = False


class Undated(SessionSoon):
    code = "test_undated"

    def key(self, item):
        return f"{self.code}:{item.pk}"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """sent(kinds, today) → run_reminders, with the e-mails actually sent."""

    def run(kinds, today=TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return run_reminders(today, kinds=kinds)

    return run


def test_every_app_declares_its_kinds():
    kinds = {kind.code: kind for kind in reminder_kinds()}
    assert set(kinds) == CORE_KINDS | OTHER_KINDS
    assert all(str(kind.label) and kind.template for kind in kinds.values())


def test_beat_schedule_runs_known_tasks_with_one_reminders_run():
    schedule = app.conf.beat_schedule
    assert {
        "gecolib-send-reminders",
        "gecolib-send-pending-notifications",
        "gecolib-sweep-pdf-cache",
        "gecolib-sweep-exports",
    } <= set(schedule)
    # Every entry names a task a worker knows (a typo would never run).
    app.loader.import_default_modules()
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    # Reminders of every app go through the one daily run.
    assert [e for e in schedule.values() if "reminder" in e["task"]] == [
        schedule["gecolib-send-reminders"]
    ]
    daily = schedule["gecolib-send-reminders"]
    assert daily["task"] == send_reminders.name == "gecolib.tasks.send_reminders"
    assert daily["schedule"] == crontab(hour=7, minute=30)
    assert app.conf.timezone == "Europe/Paris"
    sweep = schedule["gecolib-send-pending-notifications"]
    assert sweep["task"] == send_pending_notifications.name
    assert sweep["schedule"] == crontab(minute="*/5")


def test_sent_once_however_often_the_job_runs(sent, member):
    item = SimpleNamespace(pk=1, date=TODAY + datetime.timedelta(days=3), user=member)
    kind = SessionSoon([item])
    assert sent([kind]) == {"test_session": 1}
    assert sent([kind]) == {"test_session": 0}
    assert sent([kind], TODAY + datetime.timedelta(days=1)) == {"test_session": 0}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert SentNotification.objects.get().key == "test_session:1:2025-03-13"


def test_a_moved_date_reminds_again(sent, member):
    item = SimpleNamespace(pk=1, date=TODAY + datetime.timedelta(days=3), user=member)
    kind = SessionSoon([item])
    sent([kind])
    item.date += datetime.timedelta(days=7)
    assert sent([kind]) == {"test_session": 1}
    assert sent([kind]) == {"test_session": 0}
    assert len(mail.outbox) == 2


def test_a_key_without_the_date_is_refused(member):
    item = SimpleNamespace(pk=1, date=TODAY, user=member)
    with pytest.raises(RuntimeError, match="test_undated"):
        run_reminders(TODAY, kinds=[Undated([item])])
    with pytest.raises(ImproperlyConfigured, match="doit contenir sa date"):
        reminders.send_kind(Undated([item]), TODAY)


def test_a_failing_kind_does_not_stop_the_others(sent, member):
    item = SimpleNamespace(pk=1, date=TODAY, user=member)
    with pytest.raises(RuntimeError, match="test_undated"):
        sent([Undated([item]), SessionSoon([item])])
    assert len(mail.outbox) == 1


def test_opt_out_honoured_for_optional_kinds_only(sent, member, coordinator, professional):
    professional.is_active = False
    professional.save()
    for user in (member, coordinator):
        ReminderOptOut.objects.create(user=user, kind="test_session")
        ReminderOptOut.objects.create(user=user, kind="test_mandatory")
    items = [
        SimpleNamespace(pk=pk, date=TODAY, user=user)
        for pk, user in enumerate([member, coordinator, professional])
    ]
    assert sent([SessionSoon(items), Mandatory(items)]) == {
        "test_session": 0,
        "test_mandatory": 2,
    }
    assert sorted(m.to[0] for m in mail.outbox) == [coordinator.email, member.email]
    # Turned back on while still due: reminded.
    ReminderOptOut.objects.filter(user=member).delete()
    assert sent([SessionSoon(items)]) == {"test_session": 1}


def test_workflow_messages_ignore_opt_outs(staff, professional, django_capture_on_commit_callbacks):
    for kind in reminder_kinds():
        ReminderOptOut.objects.create(user=professional, kind=kind.code)
    request = FacilitationRequestFactory(requester=professional)
    with django_capture_on_commit_callbacks(execute=True):
        request.start_review(by=staff)
    assert [m.to for m in mail.outbox] == [[professional.email]]


def test_the_daily_job_runs_every_app_and_twice_sends_nothing_twice(
    structure, coordinator, facilitation, member, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    session = CarpecSessionFactory(date=today + datetime.timedelta(days=5))
    CarpecReviewFactory(structure=structure, session=session)
    FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    FollowUpFactory(
        facilitation=facilitation, assignee=member, due_date=today + datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders.delay().get()
        second = send_reminders.delay().get()
    nothing_elsewhere = dict.fromkeys(OTHER_KINDS, 0)
    assert first == {
        "carpec_review": 1,
        "followup_due_tomorrow": 1,
        "followup_overdue": 1,
        **nothing_elsewhere,
    }
    assert second == {
        "carpec_review": 0,
        "followup_due_tomorrow": 0,
        "followup_overdue": 0,
        **nothing_elsewhere,
    }
    assert len(mail.outbox) == 3


def test_broker_down_during_the_run_delays_reminders(sent, member):
    item = SimpleNamespace(pk=1, date=TODAY, user=member)
    with mock.patch.object(send_notification, "delay", side_effect=OperationalError("Redis")):
        assert sent([SessionSoon([item])]) == {"test_session": 1}
    assert mail.outbox == []
    # A second run (the beat retried) adds nothing; the sweep sends it, once.
    assert sent([SessionSoon([item])]) == {"test_session": 0}
    assert send_pending(older_than=datetime.timedelta(0)) == 1
    assert send_pending(older_than=datetime.timedelta(0)) == 0
    assert len(mail.outbox) == 1


def test_profile_lists_optional_kinds_all_on_by_default(client, member):
    kinds = [SessionSoon(), Mandatory()]
    client.force_login(member)
    with mock.patch.object(reminders, "reminder_kinds", return_value=kinds):
        response = client.get(reverse("profile"))
    html = response.content.decode()
    assert "Rappels par e-mail" in html
    assert "Séance de test" in html
    assert 'value="test_mandatory"' not in html
    field = response.context["form"]["reminders"]
    assert [code for code, _ in field.field.choices] == ["test_session"]
    assert field.initial == ["test_session"]
    assert re.search(r'value="test_session"\s+id="id_reminders_0" checked', html)


def test_profile_turns_reminders_off_and_on(client, member):
    client.force_login(member)
    data = {"first_name": "Anne", "last_name": "Guillou", "reminders": ["carpec_review"]}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302
    optional = {kind.code for kind in optional_reminder_kinds()}
    assert set(member.reminder_opt_outs.values_list("kind", flat=True)) == optional - {
        "carpec_review"
    }
    form = client.get(reverse("profile")).context["form"]
    assert form["reminders"].initial == ["carpec_review"]

    data["reminders"] = ["carpec_review", "followup_overdue", "test_unknown"]
    response = client.post(reverse("profile"), data)
    assert response.status_code == 200  # an unknown choice is refused, nothing changes
    assert member.reminder_opt_outs.count() == len(optional) - 1
    data["reminders"] = ["carpec_review", "followup_overdue"]
    client.post(reverse("profile"), data)
    assert set(member.reminder_opt_outs.values_list("kind", flat=True)) == optional - {
        "carpec_review",
        "followup_overdue",
    }
