"""E-mails of a meeting to its invited members, each with an .ics attached:
the agenda with a REQUEST invitation, an update (same UID, higher SEQUENCE)
when the date changes after the agenda went out, a CANCEL when it is
cancelled. One e-mail per member who reads the meeting now
(`recipients.py`): each carries their own signed links — « je serai là »,
« je ne pourrai pas venir », « peut-être » — that open a page where one
button confirms the answer (a GET changes nothing: mail scanners follow
links). The .ics names a coordinator as ORGANIZER (`Meeting.organizer_email`),
so a calendar's « Accepter » reaches a person; the portal records only the
answer given on its pages.

What leaves the portal is the meeting's title, date, place and links — never
the agenda's cases nor the decisions: those are read on the meeting's page,
signed in."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import ics_calendar
from gecolib.notifications import Attachment, notify

from . import recipients
from .enums import Answer
from .models import Invitee, Meeting

ANSWER_PARAMETER = "reponse"


def meeting_ics(
    meeting: Meeting,
    method: str = "PUBLISH",
    attendees: tuple[str, ...] = (),
    organizer: str | None = None,
) -> bytes:
    return ics_calendar(
        [meeting.calendar_event(attendees=attendees, organizer=organizer)],
        "GECO Lib' – RCP",
        method=method,
    )


def _ics_attachment(meeting: Meeting, method: str, email: str, organizer: str) -> Attachment:
    return Attachment(
        "invitation.ics" if method == "REQUEST" else "annulation.ics",
        meeting_ics(meeting, method, attendees=(email,), organizer=organizer),
        f"text/calendar; method={method}",
    )


def answer_url(invitee: Invitee, answer: str = "") -> str:
    """The member's own answer page; with `answer`, that answer preselected
    (the page still asks to confirm it)."""
    url = absolute_url("rcp:answer", token=invitee.token)
    return f"{url}?{urlencode({ANSWER_PARAMETER: answer})}" if answer else url


def answer_links(invitee: Invitee) -> list[tuple[str, str]]:
    """The three links of an e-mail: what each says, where it leads."""
    return [
        (_("Je serai là"), answer_url(invitee, Answer.PRESENT)),
        (_("Je ne pourrai pas venir"), answer_url(invitee, Answer.EXCUSED)),
        (_("Peut-être"), answer_url(invitee, Answer.MAYBE)),
    ]


def agenda_context(meeting: Meeting, organizer: str) -> dict:
    return {
        "meeting": meeting,
        "item_count": meeting.items.on_agenda().count(),
        "meeting_url": absolute_url(meeting),
        "organizer": organizer,
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
        organizer = meeting.organizer_email()
        context = agenda_context(meeting, organizer)
        sent = 0
        for invitee in recipients.agenda_recipients(meeting):
            sent += notify(
                invitee.user.email,
                "rcp/emails/agenda",
                {**context, "invitee": invitee, "answer_links": answer_links(invitee)},
                key=f"rcp-agenda:{meeting.pk}:{meeting.agenda_sends}:{invitee.user_id}",
                attachments=[_ics_attachment(meeting, "REQUEST", invitee.user.email, organizer)],
            )
    return sent


def send_update(meeting: Meeting) -> int:
    """After a change of date: the updated invitation (higher SEQUENCE), if the
    agenda had gone out."""
    if meeting.agenda_sent_at is None:
        return 0
    organizer = meeting.organizer_email()
    sent = 0
    for invitee in recipients.update_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/rescheduled",
            {"meeting": meeting, "answer_links": answer_links(invitee), "organizer": organizer},
            key=f"rcp-update:{meeting.pk}:{meeting.sequence}:{invitee.user_id}",
            attachments=[_ics_attachment(meeting, "REQUEST", invitee.user.email, organizer)],
        )
    return sent


def send_cancellation(meeting: Meeting) -> int:
    """The CANCEL to those who received the invitation."""
    if meeting.agenda_sent_at is None:
        return 0
    organizer = meeting.organizer_email()
    sent = 0
    for invitee in recipients.cancellation_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/cancelled",
            {"meeting": meeting},
            key=f"rcp-cancel:{meeting.pk}:{meeting.sequence}:{invitee.user_id}",
            attachments=[_ics_attachment(meeting, "CANCEL", invitee.user.email, organizer)],
        )
    return sent
