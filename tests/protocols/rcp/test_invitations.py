"""Invitations by e-mail with an .ics attached: REQUEST when the agenda is
sent, the same UID with a higher SEQUENCE when the date changes, CANCEL on
cancellation — checked by parsing the attachments back with icalendar."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from protocols.rcp import invitations
from protocols.rcp.enums import Answer
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _ics(message) -> icalendar.Calendar:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    name, content, mimetype = attachment
    return icalendar.Calendar.from_ical(content)


def _event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_agenda_invitation_update_and_cancel_round_trip(
    client, structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    AgendaItemFactory(meeting=meeting)
    DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rcp:agenda_send", args=[meeting.pk]))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "CAS-" in message.body and "Suivi des décisions" in message.body
    assert "Proposer une évaluation ergothérapique" in message.body
    calendar = _ics(message)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    event = _event(calendar)
    uid = str(event["UID"])
    assert uid.startswith(f"rcp-{meeting.pk}@")
    assert event["SEQUENCE"] == 0
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
    assert event.decoded("DTSTART") == meeting.starts_at

    # A change of date: same UID, higher SEQUENCE, still a REQUEST.
    mail.outbox.clear()
    new_start = meeting.starts_at + datetime.timedelta(days=7)
    local = timezone.localtime(new_start)
    data = {
        "title": meeting.title,
        "purpose": meeting.purpose,
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration_minutes": 60,
        "mode": meeting.mode,
        "place": meeting.place,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rcp:meeting_edit", args=[meeting.pk]), data)
    assert len(mail.outbox) == 2
    update = _event(_ics(mail.outbox[0]))
    assert str(update["UID"]) == uid
    assert update["SEQUENCE"] == 1
    assert update.decoded("DTSTART") == new_start
    assert update.decoded("DTEND") == new_start + datetime.timedelta(minutes=60)

    # Cancellation: METHOD:CANCEL, same UID, higher SEQUENCE again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rcp:meeting_cancel", args=[meeting.pk]))
    assert len(mail.outbox) == 2
    calendar = _ics(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    cancel = _event(calendar)
    assert str(cancel["UID"]) == uid
    assert cancel["SEQUENCE"] == 2
    assert cancel["STATUS"] == "CANCELLED"


def test_changes_before_the_agenda_went_out_send_nothing(
    structure, coordinator, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.reschedule(meeting.starts_at + datetime.timedelta(hours=1), 60)
        assert invitations.send_update(meeting) == 0
        meeting.cancel()
        assert invitations.send_cancellation(meeting) == 0
    assert mail.outbox == []


def test_only_chosen_members_are_invited(
    client, structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    client.force_login(coordinator)
    client.post(reverse("rcp:meeting_invitees", args=[meeting.pk]), {"users": [coordinator.pk]})
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    # « Tous les membres » invites whoever joined since.
    newcomer = MembershipFactory(structure=structure).user
    client.post(reverse("rcp:meeting_invitees", args=[meeting.pk]), {"invite_all": "on"})
    assert meeting.invitees.filter(user__in=[member, newcomer]).count() == 2


def test_answer_link_works_without_signing_in(
    client, structure, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    message = next(m for m in mail.outbox if m.to == [member.email])
    invitee = meeting.invitees.get(user=member)
    url = reverse("rcp:answer", kwargs={"token": invitee.token})
    assert url in message.body
    page = client.get(url)
    assert page.status_code == 200
    # The page names the meeting, not its agenda.
    assert "CAS-" not in page.content.decode()
    assert client.post(url, {"answer": "present"}).status_code == 302
    invitee.refresh_from_db()
    assert invitee.answer == Answer.PRESENT
    # A tampered token is refused.
    assert client.get(url.replace(invitee.token[:4], "AAAA")).status_code == 404


def test_agenda_sent_by_hand_twice_sends_twice_but_the_automatic_one_once(
    structure, coordinator, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.send_agenda(meeting, automatic=True) == 1
        assert invitations.send_agenda(meeting, automatic=True) == 0
        assert invitations.send_agenda(meeting) == 1
    assert len(mail.outbox) == 2


def test_meeting_ics_download(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    client.force_login(member)
    response = client.get(reverse("rcp:meeting_ics", args=[meeting.pk]))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert _event(calendar)["SUMMARY"].startswith("RCP – ")
