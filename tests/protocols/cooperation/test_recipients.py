"""Issue 19, principle 1 (cooperation): every e-mail about a declaration goes
only to those who may read it at send time (`access.may_read`, the rule of
the pages). A délégué who left the structure stays on the declared team
until removed: the counts reminder no longer reaches them. One test per
notification kind."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.models import User
from gecolib.reminders import run_reminders
from protocols.cooperation.access import may_read
from protocols.cooperation.models.declarations import ParticipantRole
from protocols.cooperation.reminders import CooperationCountsReminder, NewDeclarationReminder
from structures.models import Membership
from tests.factories import MembershipFactory
from tests.protocols.cooperation.factories import DeclarationFactory, msp_with_aci, physiotherapist

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 10)


def _end(membership: Membership) -> None:
    """Ended yesterday (the real yesterday: `current()` reads it)."""
    today = timezone.localdate()
    membership.start_date = today - datetime.timedelta(days=300)
    membership.end_date = today - datetime.timedelta(days=1)
    membership.save()


@pytest.fixture
def declaration(coordinator, facilitator):
    msp = msp_with_aci()
    msp.memberships.create(user=coordinator, role="coordinateur")
    declaration = DeclarationFactory(structure=msp, declared_on=datetime.date(2025, 1, 6))
    for email in ("kine@exemple.fr", "kine.partie@exemple.fr"):
        declaration.participants.create(
            user=physiotherapist(msp, user__email=email),
            role=ParticipantRole.DELEGATE,
            training_date=datetime.date(2024, 11, 1),
            training_hours=10,
        )
    _end(Membership.objects.get(user__email="kine.partie@exemple.fr"))
    _end(MembershipFactory(structure=msp, coordinator=True, user__email="ancien@exemple.fr"))
    declaration.new_declaration_needed = True
    declaration.team_changed_on = datetime.date(2025, 4, 2)
    declaration.save()
    return declaration


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CooperationCountsReminder, {"coordination@exemple.fr", "kine@exemple.fr"}),
        (NewDeclarationReminder, {"coordination@exemple.fr"}),
    ],
    ids=["counts", "new-declaration"],
)
def test_recipients_are_readers_of_the_declaration_at_send_time(
    declaration, kind, expected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(TODAY, kinds=[kind()])
    [message] = mail.outbox
    sent_to = set(message.to + message.cc + message.bcc)
    assert sent_to == expected
    for user in User.objects.filter(email__in=sent_to):
        assert may_read(user, declaration), user
    assert not sent_to & {"kine.partie@exemple.fr", "ancien@exemple.fr"}
