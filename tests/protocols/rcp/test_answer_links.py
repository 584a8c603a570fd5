"""Answering in one step: the agenda e-mail carries three links (« je serai
là », « je ne pourrai pas venir », « peut-être ») that open a page where one
button confirms — opening it records nothing (mail scanners follow links).
The .ics names a coordinator as ORGANIZER, so a calendar's « Accepter »
reaches a person; the portal records the answer given on its page."""

import datetime
import re
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from gecolib.models import CalendarFeedToken
from protocols.rcp import invitations
from protocols.rcp.enums import Answer
from protocols.rcp.models import ORGANISER_ROLES, Invitee, organizer_emails
from structures.enums import MembershipRole
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def _send(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)


def _links(body: str) -> dict[str, str]:
    return dict(re.findall(r"^- (.+?) : (https?://\S+)$", body, flags=re.MULTILINE))


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_email_carries_three_links_and_names_the_meeting(
    structure, member, coordinator, django_capture_on_commit_callbacks
):
    # A Tuesday, to read its weekday in the subject.
    start = in_days(10)
    start += datetime.timedelta(days=(1 - start.weekday()) % 7)
    meeting = MeetingFactory(structure=structure, starts_at=start)
    _send(meeting, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "Invitation à la RCP du mardi " in message.subject
    assert "Serez-vous là ?" in message.body
    # No gender guessed (« présentiel » is the meeting's mode).
    assert "présent " not in message.body and "invité " not in message.body
    links = _links(message.body)
    assert list(links) == ["Je serai là", "Je ne pourrai pas venir", "Peut-être"]
    invitee = meeting.invitees.get(user=member)
    for url, answer in zip(links.values(), ["present", "excuse", "peut_etre"], strict=True):
        match = resolve(urlsplit(url).path)
        assert match.view_name == "rcp:answer" and urlsplit(url).query == f"reponse={answer}"
        assert Invitee.from_token(match.kwargs["token"]) == invitee  # the member's own
    # Whom the calendar's « Accepter » answers, and what the portal records.
    assert f"répond par e-mail à {coordinator.email}" in message.body


def test_opening_a_link_records_nothing_the_button_does(
    client, structure, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure, place="Maison de santé, salle 2")
    _send(meeting, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [member.email])
    excused = _path(_links(message.body)["Je ne pourrai pas venir"])
    invitee = meeting.invitees.get(user=member)

    # A GET — a mail scanner, a preview, a double opening — changes nothing.
    for _opening in range(2):
        page = client.get(excused)
        assert page.status_code == 200
    invitee.refresh_from_db()
    assert invitee.answer == Answer.NONE and invitee.answered_at is None
    html = page.content.decode()
    # Three choices laid out as checks, each box before its label.
    assert html.count('type="radio" name="answer"') == 3
    assert html.count('class="form-check-input"') == 3
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    day = timezone.localtime(meeting.starts_at)
    assert f"Invitation à la RCP du {weekday[day.weekday()]} " in html
    assert "Maison de santé, salle 2" in html and "Serez-vous là ?" in html
    # The answer the link asked for is checked; one button confirms it.
    assert re.search(r'<input[^>]*value="excuse"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="present"[^>]*checked', html)
    assert html.count('type="submit"') == 1 and "Confirmer ma réponse" in html

    # The button records it.
    response = client.post(excused, {"answer": "excuse"})
    assert response.status_code == 302
    invitee.refresh_from_db()
    assert invitee.answer == Answer.EXCUSED and invitee.answered_at is not None
    assert "votre absence est excusée" in client.get(response["Location"]).content.decode()


def test_a_second_answer_replaces_the_first(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    invitee = meeting.invitees.get(user=member)
    url = reverse("rcp:answer", kwargs={"token": invitee.token})
    client.post(url, {"answer": "present"})
    invitee.refresh_from_db()
    assert invitee.answer == Answer.PRESENT
    first = invitee.answered_at
    # The « je ne pourrai pas venir » link of the same e-mail, later.
    page = client.get(url, {"reponse": "excuse"}).content.decode()
    assert "Votre réponse enregistrée : Sera là." in page
    assert re.search(r'<input[^>]*value="excuse"[^>]*checked', page)
    invitee.refresh_from_db()
    assert invitee.answer == Answer.PRESENT  # still, until confirmed
    client.post(url, {"answer": "excuse"})
    invitee.refresh_from_db()
    assert invitee.answer == Answer.EXCUSED and invitee.answered_at >= first
    client.post(url, {"answer": "peut_etre"})
    invitee.refresh_from_db()
    assert invitee.answer == Answer.MAYBE


def test_without_a_link_answer_the_current_one_is_checked(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    invitee = meeting.invitees.get(user=member)
    url = reverse("rcp:answer", kwargs={"token": invitee.token})
    page = client.get(url, {"reponse": "nimporte"}).content.decode()
    assert "checked" not in page
    invitee.respond(Answer.MAYBE)
    page = client.get(url).content.decode()
    assert re.search(r'<input[^>]*value="peut_etre"[^>]*checked', page)


def test_a_bad_answer_is_refused_in_french_and_changes_nothing(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    invitee = meeting.invitees.get(user=member)
    url = reverse("rcp:answer", kwargs={"token": invitee.token})
    for data in ({}, {"answer": "oui"}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Choisissez votre réponse" in html or "Sélectionnez un choix valide" in html
    invitee.refresh_from_db()
    assert invitee.answer == Answer.NONE


def _organizer(message) -> str:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    (event,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    return str(event["ORGANIZER"])


def test_the_invitation_organizer_is_a_coordinator(
    structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure)
    _send(meeting, django_capture_on_commit_callbacks)
    assert {_organizer(m) for m in mail.outbox} == {f"mailto:{coordinator.email}"}

    # Whoever created the meeting, while they organise the structure's RCPs.
    meeting.refresh_from_db()
    referent = MembershipFactory(structure=structure, role=MembershipRole.REFERENT).user
    meeting.created_by = referent
    meeting.save()
    assert meeting.organizer_email() == referent.email
    # Not a member who no longer organises: a current coordinator instead.
    meeting.created_by = member
    meeting.save()
    assert meeting.organizer_email() == coordinator.email
    # A cancellation comes from the same person.
    mail.outbox.clear()
    meeting.cancel()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_cancellation(meeting)
    assert {_organizer(m) for m in mail.outbox} == {f"mailto:{coordinator.email}"}


def test_without_any_organiser_the_portal_address_stays(structure, settings):
    settings.DEFAULT_FROM_EMAIL = "GECO Lib' <portail@exemple.fr>"
    meeting = MeetingFactory(structure=structure)
    structure.memberships.filter(role__in=ORGANISER_ROLES).update(end_date=timezone.localdate())
    assert meeting.organizer_email() == "portail@exemple.fr"


def test_the_calendar_feed_names_the_organizer_in_a_fixed_number_of_queries(
    client, structure, coordinator, member, django_assert_num_queries
):
    feed = CalendarFeedToken.renew(member)
    url = reverse("calendar_feed", kwargs={"token": feed.token})
    MeetingFactory(structure=structure)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(5):
        MeetingFactory(structure=structure)
    # The organisers of all the meetings are read at once, whatever their number.
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    calendar = icalendar.Calendar.from_ical(response.content)
    organizers = {str(e["ORGANIZER"]) for e in calendar.walk("VEVENT") if "ORGANIZER" in e}
    assert organizers == {f"mailto:{coordinator.email}"}
    assert organizer_emails([]) == {}
