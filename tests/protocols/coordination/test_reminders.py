"""Review reminders of coordination protocols, and their calendar events."""

import datetime
import html

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.calendar import events_for
from gecolib.models import ReminderOptOut
from gecolib.reminders import run_reminders
from protocols.coordination import dashboard
from protocols.coordination.enums import ProtocolStatus
from protocols.coordination.reminders import ProtocolReviewPassed, ProtocolReviewSoon
from tests.factories import MembershipFactory
from tests.protocols.coordination.factories import ProtocolFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the two kinds; e-mails leave when the transaction commits."""

    def run_kinds(today=TODAY) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            return run_reminders(today, kinds=[ProtocolReviewSoon(), ProtocolReviewPassed()])

    return run_kinds


@pytest.fixture
def referent(structure):
    return MembershipFactory(structure=structure, role="referent").user


def test_review_approaching_reaches_coordinators_referents_and_authors_once(
    structure, coordinator, member, referent, other_member, run
):
    protocol = ProtocolFactory(
        structure=structure,
        title="Suivi des AVK",
        status=ProtocolStatus.IN_USE,
        review_date=TODAY + datetime.timedelta(days=30),
    )
    protocol.authors.add(member, other_member)  # other_member is not in the team
    ProtocolFactory(
        structure=structure,
        status=ProtocolStatus.IN_USE,
        review_date=TODAY + datetime.timedelta(days=31),
    )
    assert run() == {"protocol_review_soon": 1, "protocol_review_passed": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Suivi des AVK" in message.subject and "1er juillet 2026" in message.subject
    assert sorted(message.to + message.bcc) == sorted(
        [coordinator.email, member.email, referent.email]
    )
    assert f"/protocoles/{protocol.pk}/" in message.body
    # Sent once: the next day brings only the other protocol, now 30 days away.
    assert run(TODAY + datetime.timedelta(days=1))["protocol_review_soon"] == 1
    assert run(TODAY + datetime.timedelta(days=1))["protocol_review_soon"] == 0
    assert len(mail.outbox) == 2 and "Suivi des AVK" not in mail.outbox[1].subject


def test_review_passed_is_sent_once_and_again_for_a_new_date(structure, coordinator, run):
    protocol = ProtocolFactory(
        structure=structure,
        status=ProtocolStatus.VALIDATED,
        review_date=TODAY - datetime.timedelta(days=1),
    )
    ProtocolFactory(
        structure=structure,
        status=ProtocolStatus.TO_REVIEW,
        review_date=TODAY - datetime.timedelta(days=1),
    )
    assert run()["protocol_review_passed"] == 1
    assert run()["protocol_review_passed"] == 0
    protocol.review_date = TODAY - datetime.timedelta(days=2)
    protocol.save()
    assert run()["protocol_review_passed"] == 1
    assert "est passée" in mail.outbox[-1].subject


def test_optional_reminder_can_be_turned_off(structure, coordinator, run):
    ProtocolFactory(
        structure=structure,
        status=ProtocolStatus.IN_USE,
        review_date=TODAY + datetime.timedelta(days=10),
    )
    ReminderOptOut.objects.create(user=coordinator, kind="protocol_review_soon")
    run()
    assert not mail.outbox


def test_calendar_shows_review_dates_of_my_structures_only(
    structure, coordinator, other_member, staff
):
    protocol = ProtocolFactory(
        structure=structure,
        title="Plaies",
        status=ProtocolStatus.IN_USE,
        review_date=TODAY + datetime.timedelta(days=100),
    )
    ProtocolFactory(structure=structure, status=ProtocolStatus.ARCHIVED, review_date=TODAY)
    events = [e for e in events_for(coordinator, TODAY) if e.uid.startswith("protocol-review")]
    assert [(e.start, e.uid) for e in events] == [
        (protocol.review_date, f"protocol-review-{protocol.pk}@gecolib")
    ]
    assert "Plaies" in events[0].summary
    assert not [e for e in events_for(other_member, TODAY) if e.uid.startswith("protocol")]
    assert not [e for e in events_for(staff, TODAY) if e.uid.startswith("protocol")]


@pytest.mark.parametrize("size", [2, 12])
def test_the_to_do_list_shows_the_reviews_due_in_one_query(
    client_for, structure, coordinator, size, django_assert_num_queries
):
    today = timezone.localdate()
    for index in range(size):
        ProtocolFactory(
            structure=structure,
            title=f"À revoir {index}",
            status=ProtocolStatus.IN_USE,
            review_date=today + datetime.timedelta(days=index),
        )
    ProtocolFactory(
        structure=structure,
        title="Plus tard",
        status=ProtocolStatus.IN_USE,
        review_date=today + datetime.timedelta(days=60),
    )
    with django_assert_num_queries(1):
        todos = dashboard.review_todos(coordinator)
    labels = [todo.label for todo in todos]
    assert not any("Plus tard" in label for label in labels) and len(labels) == size
    page = client_for(coordinator).get("/").content.decode()
    assert "Réviser le protocole « À revoir 0 »" in html.unescape(page)
    # Said once: no panel repeats it.
    assert "Protocoles à réviser" not in page
