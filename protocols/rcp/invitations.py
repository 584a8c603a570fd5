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

from typing import NamedTuple
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import ics_calendar
from gecolib.notifications import Attachment, notify
from structures.documents import structure_generation

from . import recipients
from .enums import Answer
from .models import CHANGE_DATE, CHANGE_PLACE, CHANGE_TIME, Guest, Invitee, Meeting

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


ICS_DOCUMENT = "rcp/meeting.ics"


def ics_content_key(meeting: Meeting) -> str:
    """What the meeting's calendar file shows, known before it is written: the
    meeting (its `sequence` grows with every change of date, time or place,
    and any saved meeting or row of its structure renews the structure's
    generation: structures.documents)."""
    return f"{meeting.pk}s{meeting.sequence}:{structure_generation(meeting.structure_id)}"


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


def guest_answer_url(guest: Guest, answer: str = "") -> str:
    """The outside guest's page (that meeting's agenda and their answer);
    with `answer`, that answer preselected (the page asks to confirm it)."""
    url = absolute_url("rcp:guest_answer", token=guest.token)
    return f"{url}?{urlencode({ANSWER_PARAMETER: answer})}" if answer else url


def guest_answer_links(guest: Guest) -> list[tuple[str, str]]:
    """The three links of an outside guest's e-mail, signed for them and the meeting."""
    return [
        (_("Je serai là"), guest_answer_url(guest, Answer.PRESENT)),
        (_("Je ne pourrai pas venir"), guest_answer_url(guest, Answer.EXCUSED)),
        (_("Peut-être"), guest_answer_url(guest, Answer.MAYBE)),
    ]


def agenda_context(meeting: Meeting, organizer: str) -> dict:
    return {
        "meeting": meeting,
        "item_count": meeting.items.on_agenda().count(),
        "meeting_url": absolute_url(meeting),
        "organizer": organizer,
    }


class AgendaSent(NamedTuple):
    """How many agenda e-mails were queued: to members, to outside guests."""

    members: int = 0
    guests: int = 0

    @property
    def total(self) -> int:
        return self.members + self.guests


def send_agenda(meeting: Meeting, *, automatic: bool = False) -> AgendaSent:
    """Send the agenda and invitation to every invited member who reads the
    meeting and to every outside guest (`send_guest_agenda`); returns how
    many e-mails were queued. `automatic` (the beat, 7 days before) sends
    only if nobody did."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("structure").get(pk=meeting.pk)
        meeting.check_open()
        if automatic and meeting.agenda_sent_at is not None:
            return AgendaSent()
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
        guests = sum(
            send_guest_agenda(guest, meeting=meeting, organizer=organizer)
            for guest in meeting.guests.with_email().order_by("pk")
        )
    return AgendaSent(sent, guests)


def send_guest_agenda(guest: Guest, *, meeting: Meeting, organizer: str) -> bool:
    """The agenda e-mail of an outside guest: the meeting's title, date and
    place, their own page (that meeting's agenda) and answer links, the .ics.
    Sent with each sending of the agenda, and at once to a guest added after
    it left."""
    if not guest.email:
        return False
    sent = notify(
        guest.email,
        "rcp/emails/guest_agenda",
        {
            "meeting": meeting,
            "guest": guest,
            "guest_url": guest_answer_url(guest),
            "answer_links": guest_answer_links(guest),
            "organizer": organizer,
        },
        key=f"rcp-guest-agenda:{meeting.pk}:{meeting.agenda_sends}:{guest.pk}",
        attachments=[_ics_attachment(meeting, "REQUEST", guest.email, organizer)],
    )
    if sent:
        type(guest).objects.filter(pk=guest.pk).update(invited_at=timezone.now())
    return sent


def change_context(changes: frozenset[str]) -> dict:
    """What the e-mail of a change says changed: « change de date » only when
    the day moved, « change d'horaire » when only the time or the length did,
    « change de lieu » for the mode, the place or the video link."""
    return {
        "date_changed": CHANGE_DATE in changes,
        "time_changed": CHANGE_TIME in changes,
        "place_changed": CHANGE_PLACE in changes,
    }


def send_update(meeting: Meeting, *, changes: frozenset[str]) -> int:
    """After a change (`Meeting.apply_changes`: its date, its time, its place):
    the updated invitation (higher SEQUENCE), if the agenda had gone out."""
    if meeting.agenda_sent_at is None or not changes:
        return 0
    organizer = meeting.organizer_email()
    context = {"meeting": meeting, "organizer": organizer, **change_context(changes)}
    sent = 0
    for invitee in recipients.update_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/rescheduled",
            {**context, "answer_links": answer_links(invitee)},
            key=f"rcp-update:{meeting.pk}:{meeting.sequence}:{invitee.user_id}",
            attachments=[_ics_attachment(meeting, "REQUEST", invitee.user.email, organizer)],
        )
    for guest in recipients.guest_recipients(meeting):
        sent += notify(
            guest.email,
            "rcp/emails/rescheduled",
            {**context, "answer_links": guest_answer_links(guest)},
            key=f"rcp-guest-update:{meeting.pk}:{meeting.sequence}:{guest.pk}",
            attachments=[_ics_attachment(meeting, "REQUEST", guest.email, organizer)],
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
    for guest in recipients.guest_recipients(meeting):
        sent += notify(
            guest.email,
            "rcp/emails/cancelled",
            {"meeting": meeting},
            key=f"rcp-guest-cancel:{meeting.pk}:{meeting.sequence}:{guest.pk}",
            attachments=[_ics_attachment(meeting, "CANCEL", guest.email, organizer)],
        )
    return sent


def send_guest_withdrawn(guest: Guest) -> bool:
    """An outside guest removed after their agenda left: told their
    invitation is withdrawn, with a CANCEL that takes the meeting out of
    their calendar."""
    meeting = guest.meeting
    if not guest.email or guest.invited_at is None or meeting.has_started:
        return False
    organizer = meeting.organizer_email()
    return notify(
        guest.email,
        "rcp/emails/guest_withdrawn",
        {"meeting": meeting, "guest": guest},
        key=f"rcp-guest-withdrawn:{meeting.pk}:{guest.pk}",
        attachments=[_ics_attachment(meeting, "CANCEL", guest.email, organizer)],
    )
