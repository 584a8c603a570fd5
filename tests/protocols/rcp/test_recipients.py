"""Recipients = readers (issue 19, principle 1; finding 1). For every kind of
RCP e-mail, sent the way the portal sends it, every recipient reads — at
send time, by the pages' own rule (`visible_to`) — the meeting or decision
the e-mail is about. Planted in every scenario, and never written to: a
member who left the structure (a former coordinator), a facilitator whose
assignment ended, and a guest of another meeting — all three invited to the
meeting (as they were before) and owners of its decisions."""

import datetime
import re

import pytest
from django.utils import timezone

from gecolib.models import SentNotification, User
from gecolib.reminders import run_reminders
from protocols.rcp import invitations, minutes, reminders
from protocols.rcp.models import Decision, Invitee, Meeting
from protocols.rcp.recipients import RECIPIENTS
from structures.enums import MembershipRole
from structures.models import Membership
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def outsiders(structure, other_structure, facilitation, facilitator, other_member):
    """Who must receive nothing of `structure`'s RCPs: created as readers,
    then gone (see `invite_and_own`)."""
    left = MembershipFactory(
        structure=structure, role=MembershipRole.COORDINATOR, user__email="partie@exemple.fr"
    ).user
    # A guest of another meeting: invited to the other structure's RCP.
    MeetingFactory(structure=other_structure)
    return {"left": left, "facilitator": facilitator, "guest": other_member}


def invite_and_own(meeting: Meeting, outsiders: dict) -> None:
    """The outsiders invited to `meeting` and owning a decision of it, then
    the member leaves and the facilitator's assignment ends."""
    for user in outsiders.values():
        Invitee.objects.get_or_create(meeting=meeting, user=user)
        DecisionFactory(meeting=meeting, owner=user, due_date=TODAY + datetime.timedelta(2))
    Membership.objects.filter(user=outsiders["left"]).update(end_date=TODAY)
    outsiders["facilitator"].facilitation_assignments.update(ended_at=timezone.now())


def _held(structure, outsiders, days_ago=5):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(-days_ago))
    AgendaItemFactory(meeting=meeting, summary="Évaluation du domicile proposée.")
    invite_and_own(meeting, outsiders)
    return meeting


def _upcoming(structure, outsiders, days=10):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(days))
    invite_and_own(meeting, outsiders)
    return meeting


def send_agenda(structure, outsiders):
    meeting = _upcoming(structure, outsiders)
    invitations.send_agenda(meeting)
    invitations.send_agenda(meeting)  # sent again after a change of the agenda
    return meeting


def send_update(structure, outsiders):
    meeting = _upcoming(structure, outsiders)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=timezone.now())
    meeting.refresh_from_db()
    changes = meeting.apply_changes(
        starts_at=meeting.starts_at + datetime.timedelta(days=1), duration_minutes=60
    )
    invitations.send_update(meeting, changes=changes)
    return meeting


def send_cancellation(structure, outsiders):
    meeting = _upcoming(structure, outsiders)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=timezone.now())
    meeting.refresh_from_db()
    meeting.cancel()
    invitations.send_cancellation(meeting)
    return meeting


def send_agenda_automatically(structure, outsiders):
    meeting = _upcoming(structure, outsiders, days=6)
    run_reminders(TODAY, kinds=[reminders.AgendaNotSent()])
    return meeting


def send_minutes(structure, outsiders):
    """Validated, amended, then an older version restored: three sends."""
    meeting = _held(structure, outsiders)
    coordinator = Membership.objects.coordinators().get(structure=structure).user
    minutes.validate_minutes(meeting, by=coordinator)
    meeting.refresh_from_db()
    meeting.items.update(summary="Évaluation faite.")
    minutes.amend_minutes(meeting, by=coordinator, comment="Synthèse complétée")
    minutes.restore_minutes(meeting, meeting.minutes_revisions.get(number=1), by=coordinator)
    return meeting


def remind_meeting_tomorrow(structure, outsiders):
    meeting = _upcoming(structure, outsiders, days=1)
    run_reminders(TODAY, kinds=[reminders.MeetingTomorrow()])
    return meeting


def remind_minutes_late(structure, outsiders):
    meeting = _held(structure, outsiders, days_ago=3)
    run_reminders(TODAY, kinds=[reminders.MinutesLate3()])
    return meeting


def remind_decisions(structure, outsiders):
    """Due in 2 days (the outsiders' from `invite_and_own`) and overdue."""
    meeting = _held(structure, outsiders)
    for user in outsiders.values():
        DecisionFactory(meeting=meeting, owner=user, due_date=TODAY - datetime.timedelta(1))
    member = User.objects.get(email="membre@exemple.fr")
    DecisionFactory(meeting=meeting, owner=member, due_date=TODAY + datetime.timedelta(2))
    DecisionFactory(meeting=meeting, owner=member, due_date=TODAY - datetime.timedelta(2))
    run_reminders(TODAY, kinds=[reminders.DecisionDueSoon(), reminders.DecisionOverdue()])
    return meeting


# kind of notification (recipients.RECIPIENTS) → how the portal sends it
SCENARIOS = {
    "agenda": send_agenda,
    "update": send_update,
    "cancellation": send_cancellation,
    "minutes": send_minutes,
    "meeting_tomorrow": remind_meeting_tomorrow,
    "minutes_late": remind_minutes_late,
    "decision_reminder": remind_decisions,
}
# The agenda sent 7 days before by the reminder job goes through `agenda`.
EXTRA = {"agenda_automatic": send_agenda_automatically}

_KEY = re.compile(
    r"^(?:rcp-(?:agenda|update|cancel|minutes)|rcp_meeting_tomorrow|rcp_minutes_late_\d+)"
    r":(?P<meeting>\d+):|^rcp_decision_(?:due|overdue):(?P<decision>\d+):"
)


def reads(user: User, notification: SentNotification) -> bool:
    match = _KEY.match(notification.key)
    assert match, f"Unknown RCP notification {notification.key}"
    if match["meeting"]:
        return Meeting.objects.visible_to(user).filter(pk=match["meeting"]).exists()
    return Decision.objects.visible_to(user).filter(pk=match["decision"]).exists()


def test_every_kind_is_exercised():
    assert set(SCENARIOS) == set(RECIPIENTS)


@pytest.mark.parametrize("kind", [*SCENARIOS, *EXTRA])
def test_recipients_read_what_they_receive_at_send_time(
    kind, structure, coordinator, member, outsiders, django_capture_on_commit_callbacks
):
    scenario = {**SCENARIOS, **EXTRA}[kind]
    with django_capture_on_commit_callbacks(execute=True):
        meeting = scenario(structure, outsiders)
    sent = list(SentNotification.objects.filter(key__startswith="rcp").order_by("pk"))
    assert sent, "the scenario sent nothing"
    outsider_emails = {user.email for user in outsiders.values()}
    for notification in sent:
        assert not outsider_emails & set(notification.recipients), notification.key
        for email in notification.recipients:
            user = User.objects.get(email=email)
            assert reads(user, notification), f"{email} received {notification.key}"
    # The function of the kind says the same, asked now.
    if kind == "decision_reminder":
        for decision in meeting.decisions.select_related("owner"):
            for user in RECIPIENTS[kind](decision):
                assert Decision.objects.visible_to(user).filter(pk=decision.pk).exists()
                assert user.email not in outsider_emails
    elif kind in RECIPIENTS:
        for recipient in RECIPIENTS[kind](meeting):
            user = getattr(recipient, "user", recipient)
            assert Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
            assert user.email not in outsider_emails
