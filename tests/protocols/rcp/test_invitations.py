"""Invitations by e-mail with an .ics attached: REQUEST when the agenda is
sent, the same UID with a higher SEQUENCE when the date changes, CANCEL on
cancellation — checked by parsing the attachments back with icalendar. The
e-mails carry the meeting's title, date, place and links only; the answer
link is the invited member's own and expires with the meeting."""

import datetime
import re

import icalendar
import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp import invitations
from protocols.rcp.enums import Answer
from protocols.rcp.models import Invitee
from protocols.rcp.models.invitees import ANSWER_TOKEN_SALT
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
        response = client.post(
            reverse("rcp:agenda_send", args=[meeting.pk]), {TOKEN_FIELD: new_token()}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert meeting.title in message.body and meeting.place in message.body
    assert meeting.get_absolute_url() in message.body
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
        client.post(reverse("rcp:meeting_cancel", args=[meeting.pk]), {TOKEN_FIELD: new_token()})
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
        changes = meeting.apply_changes(
            starts_at=meeting.starts_at + datetime.timedelta(hours=1), duration_minutes=60
        )
        assert invitations.send_update(meeting, changes=changes) == 0
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
    # The token is signed with the time: read the one of the e-mail.
    (token,) = set(re.findall(r"/rcp/reponse/([^/\s]+)/", message.body))
    assert Invitee.from_token(token) == invitee
    url = reverse("rcp:answer", kwargs={"token": token})
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
        assert invitations.send_agenda(meeting, automatic=True).total == 1
        assert invitations.send_agenda(meeting, automatic=True).total == 0
        assert invitations.send_agenda(meeting).total == 1
    assert len(mail.outbox) == 2


def test_meeting_ics_download(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    client.force_login(member)
    response = client.get(reverse("rcp:meeting_ics", args=[meeting.pk]))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    # The title says RCP already: no « RCP – RCP mensuelle ».
    assert _event(calendar)["SUMMARY"] == f"{meeting.title} ({structure.name})"


def test_a_double_click_on_send_the_agenda_sends_it_once(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    """Finding 12: the button carries a one-time token."""
    meeting = MeetingFactory(structure=structure)
    client = client_for(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    action = reverse("rcp:agenda_send", args=[meeting.pk])
    form = page[page.index(f'action="{action}"') :].split("</form>")[0]
    assert f'name="{TOKEN_FIELD}"' in form
    token = new_token()
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(2):
            assert client.post(action, {TOKEN_FIELD: token}).status_code == 302
    assert len(mail.outbox) == 2  # the coordinator and the member, once each
    meeting.refresh_from_db()
    assert meeting.agenda_sends == 1
    # Without a token, nothing is sent.
    assert client.post(action).status_code == 302
    assert len(mail.outbox) == 2


def test_the_agenda_email_carries_no_case_and_no_decision(
    structure, member, django_capture_on_commit_callbacks
):
    """Finding 13: titles of meetings, dates, places and links only."""
    meeting = MeetingFactory(structure=structure)
    item = AgendaItemFactory(meeting=meeting, title="Patiente de 80 ans, chutes")
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    for message in mail.outbox:
        for text in (item.title, item.case_label, item.description, decision.text):
            assert text not in message.body and text not in message.subject
        ics = "".join(
            content if isinstance(content, str) else content.decode()
            for _name, content, _type in message.attachments
        )
        assert item.title not in ics and decision.text not in ics
        assert meeting.title in message.body and meeting.get_absolute_url() in message.body


def _answer_url(meeting, user):
    return reverse("rcp:answer", kwargs={"token": meeting.invitees.get(user=user).token})


def test_the_answer_link_belongs_to_its_member(client_for, structure, member, coordinator):
    """Finding 14: another signed-in account gets a page saying so, not the form."""
    meeting = MeetingFactory(structure=structure)
    url = _answer_url(meeting, member)
    assert client_for(member).get(url).status_code == 200
    client = client_for(coordinator)
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode().replace("&#x27;", "'")
    assert "Ce lien de réponse est personnel" in html and '<form method="post">' not in html
    assert meeting.title not in html
    assert client.post(url, {"answer": "excuse"}).status_code == 403
    assert meeting.invitees.get(user=member).answer == Answer.NONE


def test_the_answer_link_expires_with_the_membership_and_the_meeting(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    url = _answer_url(meeting, member)
    membership = member.memberships.get(structure=structure)
    membership.end_date = timezone.localdate()
    membership.save()
    response = client.get(url)
    assert response.status_code == 410
    assert "n'est plus valable" in response.content.decode().replace("&#x27;", "'")
    assert client.post(url, {"answer": "present"}).status_code == 410
    assert meeting.invitees.get(user=member).answer == Answer.NONE

    membership.end_date = None
    membership.save()
    assert client.get(url).status_code == 200
    meeting.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    meeting.save()
    response = client.get(url)
    assert response.status_code == 410 and "a expiré" in response.content.decode()


def test_an_answer_link_sent_before_the_change_still_works_for_its_member(
    client, structure, member
):
    meeting = MeetingFactory(structure=structure)
    invitee = meeting.invitees.get(user=member)
    old = signing.dumps(invitee.pk, salt=ANSWER_TOKEN_SALT)
    assert client.get(reverse("rcp:answer", kwargs={"token": old})).status_code == 200
    # A token naming another account for this invitation is refused.
    forged = signing.dumps([invitee.pk, invitee.user_id + 1000], salt=ANSWER_TOKEN_SALT)
    assert client.get(reverse("rcp:answer", kwargs={"token": forged})).status_code == 404


def test_unticking_an_invitee_of_a_held_meeting_keeps_their_record(
    client_for, structure, coordinator, member
):
    """Finding 17: their answer and attendance were deleted for good."""
    meeting = MeetingFactory(structure=structure, past=True)
    meeting.invitees.filter(user=member).update(answer=Answer.PRESENT, attendance="present")
    client = client_for(coordinator)
    url = reverse("rcp:meeting_invitees", args=[meeting.pk])
    response = client.post(url, {"users": [coordinator.pk]})
    assert response.status_code == 200
    assert member.display_name in response.content.decode().replace("&#x27;", "'")
    invitee = meeting.invitees.get(user=member)
    assert (invitee.answer, invitee.attendance) == (Answer.PRESENT, "present")
    # A member who left since stays listed (and kept) when the list is saved.
    member.memberships.update(end_date=timezone.localdate())
    page = client.get(url).content.decode()
    assert f'value="{member.pk}"' in page
    assert client.post(url, {"users": [coordinator.pk, member.pk]}).status_code == 302
    assert meeting.invitees.filter(user=member).exists()
    # Before the meeting, unticking still removes the invitation.
    upcoming = MeetingFactory(structure=structure)
    client.post(reverse("rcp:meeting_invitees", args=[upcoming.pk]), {"users": [coordinator.pk]})
    assert not upcoming.invitees.filter(user=member).exists()
