"""Cooperation reminders: counts not entered by the 10th, a pending new
declaration; each sent once, opt-out per user."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.template.loader import render_to_string

from gecolib.models import ReminderOptOut
from gecolib.reminders import run_reminders
from protocols.cooperation.models.declarations import ParticipantRole
from protocols.cooperation.reminders import CooperationCountsReminder, NewDeclarationReminder
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    msp_with_aci,
    physiotherapist,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration(coordinator):
    msp = msp_with_aci()
    msp.memberships.create(user=coordinator, role="coordinateur")
    declaration = DeclarationFactory(structure=msp, declared_on=datetime.date(2025, 1, 6))
    declaration.participants.create(
        user=physiotherapist(msp, user__email="kine@exemple.fr"),
        role=ParticipantRole.DELEGATE,
        training_date=datetime.date(2024, 11, 1),
        training_hours=10,
    )
    return declaration


def _run(kind, today, capture):
    with capture(execute=True):
        return run_reminders(today, kinds=[kind])


def test_counts_missing_on_the_10th_are_reminded_once(
    declaration, django_capture_on_commit_callbacks
):
    kind = CooperationCountsReminder()
    assert _run(kind, datetime.date(2025, 4, 9), django_capture_on_commit_callbacks) == {
        "cooperation_counts": 0
    }
    sent = _run(kind, datetime.date(2025, 4, 10), django_capture_on_commit_callbacks)
    assert sent == {"cooperation_counts": 1}
    message = mail.outbox[-1]
    assert set(message.to) == {"coordination@exemple.fr", "kine@exemple.fr"}
    assert "activité de mars 2025 à saisir" in message.subject
    assert _run(kind, datetime.date(2025, 4, 11), django_capture_on_commit_callbacks) == {
        "cooperation_counts": 0
    }
    ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
    # The next month is a new reminder: April's counts are missing on 12 May.
    assert _run(kind, datetime.date(2025, 5, 12), django_capture_on_commit_callbacks) == {
        "cooperation_counts": 1
    }


def test_entered_counts_are_not_reminded(declaration, django_capture_on_commit_callbacks):
    ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
    sent = _run(
        CooperationCountsReminder(), datetime.date(2025, 4, 15), django_capture_on_commit_callbacks
    )
    assert sent == {"cooperation_counts": 0}


def test_the_counts_reminder_can_be_turned_off(
    declaration, coordinator, django_capture_on_commit_callbacks
):
    ReminderOptOut.objects.create(user=coordinator, kind="cooperation_counts")
    _run(
        CooperationCountsReminder(), datetime.date(2025, 4, 10), django_capture_on_commit_callbacks
    )
    assert mail.outbox[-1].to == ["kine@exemple.fr"]


def test_a_pending_new_declaration_is_reminded_once(
    declaration, coordinator, django_capture_on_commit_callbacks
):
    kind = NewDeclarationReminder()
    assert _run(kind, datetime.date(2025, 4, 10), django_capture_on_commit_callbacks) == {
        "cooperation_new_declaration": 0
    }
    declaration.new_declaration_needed = True
    declaration.team_changed_on = datetime.date(2025, 4, 2)
    declaration.save()
    sent = _run(kind, datetime.date(2025, 4, 10), django_capture_on_commit_callbacks)
    assert sent == {"cooperation_new_declaration": 1}
    assert mail.outbox[-1].to == [coordinator.email]
    assert "nouvelle déclaration à faire" in mail.outbox[-1].subject
    assert _run(kind, datetime.date(2025, 4, 11), django_capture_on_commit_callbacks) == {
        "cooperation_new_declaration": 0
    }


def test_the_month_is_elided_in_the_reminder():
    """« activité d'octobre 2025 », not « activité de octobre 2025 »."""
    declaration = SimpleNamespace(protocol=SimpleNamespace(short_name="Cystite"))
    subject = render_to_string(
        "protocols/cooperation/email/counts_reminder_subject.txt",
        {"declaration": declaration, "month": datetime.date(2025, 10, 1)},
        using="text",  # as e-mails are rendered (gecolib.notifications)
    )
    assert "activité d'octobre 2025 à saisir" in subject
