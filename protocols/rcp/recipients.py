"""Who receives each RCP e-mail: one function per kind of notification, each
returning, among the people the e-mail is meant for, only those who may read
its object *now* — by the very rule of the pages (`Meeting.is_read_by`,
`Decision.is_read_by`, built on `visible_to`). A member who left the
structure, a facilitator whose assignment ended, a closed account: the portal
answers them 404, and no e-mail reaches them either.

`RECIPIENTS` names every kind (tests/protocols/rcp/test_recipients.py checks
each against the readers at send time). The outside guests of a meeting are
not readers of the portal: they receive that meeting's agenda, its updates
and its cancellation only (`guest_recipients`), while their e-mail is kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Prefetch

from structures.models import Membership

from .enums import Answer
from .models import ORGANISER_ROLES, Decision, Guest, Invitee, Meeting


def reading_invitees(meeting: Meeting, invitees: Iterable[Invitee] | None = None) -> list[Invitee]:
    """The meeting's invited members (or `invitees`) who read it now."""
    if invitees is None:
        invitees = Invitee.objects.filter(meeting=meeting).select_related("user").order_by("pk")
    return [invitee for invitee in invitees if meeting.is_read_by(invitee.user)]


def agenda_recipients(meeting: Meeting) -> list[Invitee]:
    """The agenda and its invitation, sent or sent again (by hand or 7 days before)."""
    return reading_invitees(meeting)


def update_recipients(meeting: Meeting) -> list[Invitee]:
    """The invitation updated after a change of date."""
    return reading_invitees(meeting)


def cancellation_recipients(meeting: Meeting) -> list[Invitee]:
    """The CANCEL of a cancelled meeting."""
    return reading_invitees(meeting)


def guest_recipients(meeting: Meeting) -> list[Guest]:
    """The outside guests of a meeting (the agenda sent to them), while their
    e-mail is kept: the invitation updated after a change, the CANCEL. Never
    the minutes nor the reminders: those are the structure's members'."""
    if meeting.agenda_sent_at is None:
        return []
    return list(Guest.objects.filter(meeting=meeting).with_email().order_by("pk"))


def minutes_recipients(meeting: Meeting) -> list[Invitee]:
    """The minutes validated, amended or restored: a link to them."""
    return reading_invitees(meeting)


def meeting_tomorrow_recipients(meeting: Meeting) -> list:
    """The reminder the day before: the invited members not excused (from
    `reminders.MeetingTomorrow.due`'s prefetch when there is one)."""
    invitees = getattr(meeting, "reminded", None)
    if invitees is None:
        invitees = meeting.invitees.exclude(answer=Answer.EXCUSED).select_related("user")
    return [invitee.user for invitee in reading_invitees(meeting, invitees)]


def minutes_late_recipients(meeting: Meeting) -> list:
    """Minutes still not validated: the structure's current organisers (from
    `reminders.MinutesLate.due`'s prefetch when there is one)."""
    memberships = getattr(meeting.structure, "organisers", None)
    if memberships is None:
        memberships = (
            Membership.objects.current()
            .filter(structure=meeting.structure, role__in=ORGANISER_ROLES)
            .select_related("user")
        )
    return [m.user for m in memberships if meeting.is_read_by(m.user)]


def decision_reminder_recipients(decision: Decision) -> list:
    """A decision due soon or overdue: its owner, while they read it."""
    return [decision.owner] if decision.is_read_by(decision.owner) else []


def organisers_prefetch() -> Prefetch:
    organisers = (
        Membership.objects.current().filter(role__in=ORGANISER_ROLES).select_related("user")
    )
    return Prefetch("structure__memberships", queryset=organisers, to_attr="organisers")


RECIPIENTS: dict[str, Callable] = {
    "agenda": agenda_recipients,
    "update": update_recipients,
    "cancellation": cancellation_recipients,
    "minutes": minutes_recipients,
    "meeting_tomorrow": meeting_tomorrow_recipients,
    "minutes_late": minutes_late_recipients,
    "decision_reminder": decision_reminder_recipients,
}
