"""Issue 19, principle 1 (coordination protocols): every e-mail about a
protocol goes only to those who may read it at send time — the rule of the
pages (`access.may_read`). One test per notification kind: the review soon,
the review passed."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.models import User
from gecolib.reminders import run_reminders
from protocols.coordination.access import may_read
from protocols.coordination.enums import ProtocolStatus
from protocols.coordination.models import Protocol
from protocols.coordination.reminders import ProtocolReviewPassed, ProtocolReviewSoon
from tests.factories import MembershipFactory
from tests.protocols.coordination.factories import ProtocolFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
KINDS = {
    "protocol_review_soon": (ProtocolReviewSoon, TODAY + datetime.timedelta(days=10)),
    "protocol_review_passed": (ProtocolReviewPassed, TODAY - datetime.timedelta(days=1)),
}


def _recipients(message) -> set[str]:
    return set(message.to + message.cc + message.bcc)


def _ended(membership):
    """A membership that ended yesterday (the real yesterday: `current()` reads it)."""
    today = timezone.localdate()
    membership.start_date = today - datetime.timedelta(days=300)
    membership.end_date = today - datetime.timedelta(days=1)
    membership.save()
    return membership


@pytest.mark.parametrize("code", KINDS)
def test_recipients_are_readers_of_the_protocol_at_send_time(
    code,
    structure,
    coordinator,
    member,
    facilitation,
    facilitator,
    django_capture_on_commit_callbacks,
):
    kind, review = KINDS[code]
    left = _ended(MembershipFactory(structure=structure, coordinator=True))
    former_author = _ended(MembershipFactory(structure=structure))
    # The binôme's assignment ended: no e-mail either way.
    facilitation.assignments.filter(user=facilitator).update(ended_at=timezone.now())
    protocol = ProtocolFactory(
        structure=structure, title="Chutes", status=ProtocolStatus.IN_USE, review_date=review
    )
    protocol.authors.add(member, former_author.user)

    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(TODAY, kinds=[kind()])

    [message] = mail.outbox
    sent_to = _recipients(message)
    assert sent_to == {coordinator.email, member.email}
    for user in User.objects.filter(email__in=sent_to):
        assert may_read(user, Protocol.objects.get(pk=protocol.pk)), user
    assert left.user.email not in sent_to and former_author.user.email not in sent_to
