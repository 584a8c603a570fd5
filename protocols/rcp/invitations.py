"""E-mails of a meeting to its invited members, each with an .ics attached:
the agenda with a REQUEST invitation, an update (same UID, higher SEQUENCE)
when the date changes after the agenda went out, a CANCEL when it is
cancelled. One e-mail per member who reads the meeting now
(`recipients.py`): each carries their own signed link to answer « je serai
présent / excusé » without signing in.

What leaves the portal is the meeting's title, date, place and links — never
the agenda's cases nor the decisions: those are read on the meeting's page,
signed in."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import ics_calendar
from gecolib.notifications import Attachment, notify

from . import recipients
from .models import Invitee, Meeting


def meeting_ics(
    meeting: Meeting, method: str = "PUBLISH", attendees: tuple[str, ...] = ()
) -> bytes:
    return ics_calendar(
        [meeting.calendar_event(attendees=attendees)], "GECO Lib' – RCP", method=method
    )


def _ics_attachment(meeting: Meeting, method: str, email: str) -> Attachment:
    return Attachment(
        "invitation.ics" if method == "REQUEST" else "annulation.ics",
        meeting_ics(meeting, method, attendees=(email,)),
        f"text/calendar; method={method}",
    )


def answer_url(invitee: Invitee) -> str:
    return absolute_url("rcp:answer", token=invitee.token)


def agenda_context(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "item_count": meeting.items.count(),
        "meeting_url": absolute_url(meeting),
    }


def send_agenda(meeting: Meeting, *, automatic: bool = False) -> int:
    """Send the agenda and invitation to every invited member who reads the
    meeting; returns how
    many e-mails were queued. `automatic` (the beat, 7 days before) sends
    only if nobody did."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("structure").get(pk=meeting.pk)
        meeting.check_open()
        if automatic and meeting.agenda_sent_at is not None:
            return 0
        meeting.sync_invitees()
        meeting.agenda_sends += 1
        meeting.agenda_sent_at = timezone.now()
        meeting.save(update_fields=["agenda_sends", "agenda_sent_at"])
        context = agenda_context(meeting)
        sent = 0
        for invitee in recipients.agenda_recipients(meeting):
            sent += notify(
                invitee.user.email,
                "rcp/emails/agenda",
                {**context, "invitee": invitee, "answer_url": answer_url(invitee)},
                key=f"rcp-agenda:{meeting.pk}:{meeting.agenda_sends}:{invitee.user_id}",
                attachments=[_ics_attachment(meeting, "REQUEST", invitee.user.email)],
            )
    return sent


def send_update(meeting: Meeting) -> int:
    """After a change of date: the updated invitation (higher SEQUENCE), if the
    agenda had gone out."""
    if meeting.agenda_sent_at is None:
        return 0
    sent = 0
    for invitee in recipients.update_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/rescheduled",
            {"meeting": meeting, "answer_url": answer_url(invitee)},
            key=f"rcp-update:{meeting.pk}:{meeting.sequence}:{invitee.user_id}",
            attachments=[_ics_attachment(meeting, "REQUEST", invitee.user.email)],
        )
    return sent


def send_cancellation(meeting: Meeting) -> int:
    """The CANCEL to those who received the invitation."""
    if meeting.agenda_sent_at is None:
        return 0
    sent = 0
    for invitee in recipients.cancellation_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/cancelled",
            {"meeting": meeting},
            key=f"rcp-cancel:{meeting.pk}:{meeting.sequence}:{invitee.user_id}",
            attachments=[_ics_attachment(meeting, "CANCEL", invitee.user.email)],
        )
    return sent
