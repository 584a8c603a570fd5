"""Outside guests of one meeting (an SSIAD nurse, a cardiologist, a social
worker): organisers add and remove them on the meeting's page; they receive
the agenda e-mail with their own signed answer links, scoped to them and to
that meeting, which open that meeting's agenda only — no other meeting, no
minutes, no page of the structure — and 404 once forged, withdrawn or
expired. Their e-mail address is kept for that meeting only."""

import datetime
import re
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import SentNotification
from gecolib.reminders import run_reminders
from protocols.rcp import invitations
from protocols.rcp.enums import Answer
from protocols.rcp.minutes import validate_minutes
from protocols.rcp.models import Guest
from protocols.rcp.models.guests import GUEST_TOKEN_SALT
from protocols.rcp.reminders import MinutesLate3
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db

NURSE = {
    "invite-name": "Yann Kerhervé",
    "invite-profession": "Infirmier coordinateur",
    "invite-organisation": "SSIAD de Lamballe",
    "invite-email": "yann.kerherve@exemple.fr",
}


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def _add(client, meeting, **data):
    return client.post(
        reverse("rcp:guest_add", args=[meeting.pk]),
        {**NURSE, f"invite-{TOKEN_FIELD}": new_token(), **data},
    )


def _links(body: str) -> dict[str, str]:
    return dict(re.findall(r"^- (.+?) : (https?://\S+)$", body, flags=re.MULTILINE))


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def meeting(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, title="RCP de rentrée")
    AgendaItemFactory(meeting=meeting, title="Homme de 67 ans, insuffisance cardiaque")
    return meeting


@pytest.fixture
def guest(meeting, coordinator):
    return Guest.objects.create(
        meeting=meeting,
        name="Claire Le Bihan",
        profession="Cardiologue",
        organisation="Centre hospitalier de Saint-Brieuc",
        email="claire.lebihan@exemple.fr",
        added_by=coordinator,
    )


def test_an_organiser_adds_a_guest_once(client_for, meeting, coordinator, member):
    client = client_for(coordinator)
    page = _html(client.get(meeting.get_absolute_url()))
    assert "Personnes invitées hors de l'équipe" in page and 'name="invite-name"' in page
    data = {**NURSE, f"invite-{TOKEN_FIELD}": new_token()}
    url = reverse("rcp:guest_add", args=[meeting.pk])
    for _click in range(2):  # a double click adds one guest
        response = client.post(url, data)
    assert response.status_code == 302
    (guest,) = meeting.guests.all()
    assert (guest.name, guest.profession, guest.organisation, guest.email) == (
        "Yann Kerhervé",
        "Infirmier coordinateur",
        "SSIAD de Lamballe",
        "yann.kerherve@exemple.fr",
    )
    assert guest.added_by == coordinator
    page = _html(client.get(meeting.get_absolute_url()))
    assert "Yann Kerhervé" in page and "yann.kerherve@exemple.fr" in page
    # Members see who comes, not the guest's address; they add no one.
    page = _html(client_for(member).get(meeting.get_absolute_url()))
    assert "Yann Kerhervé" in page and "SSIAD de Lamballe" in page
    assert "yann.kerherve@exemple.fr" not in page and 'name="invite-name"' not in page


def test_bad_input_adds_no_guest(client_for, meeting, guest, coordinator):
    client = client_for(coordinator)
    response = _add(client, meeting, **{"invite-email": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in _html(response)
    response = _add(client, meeting, **{"invite-email": "CLAIRE.LEBIHAN@exemple.fr"})
    assert "Cette personne est déjà invitée à cette RCP." in _html(response)
    response = _add(client, meeting, **{"invite-email": ""})
    assert response.status_code == 200
    assert meeting.guests.count() == 1


def test_the_guest_name_is_a_professional_s_not_a_patient_s(client_for, meeting, coordinator):
    """Like an invited member's name, a guest's name is not taken for a
    patient's (no « Je confirme qu'aucun patient n'est nommé »); their
    profession and organisation are checked like any free text."""
    client = client_for(coordinator)
    response = _add(client, meeting, **{"invite-name": "Mme Anne Le Goff"})
    assert response.status_code == 302
    assert meeting.guests.get().name == "Mme Anne Le Goff"
    response = _add(
        client,
        meeting,
        **{
            "invite-email": "autre@exemple.fr",
            "invite-organisation": "Domicile, appeler le 06 12 34 56 78",
        },
    )
    assert response.status_code == 200
    assert "numéro de téléphone" in _html(response)
    assert meeting.guests.count() == 1


def test_the_agenda_reaches_the_guest_with_their_own_links(
    client_for, meeting, guest, coordinator, member, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:agenda_send", args=[meeting.pk]), {TOKEN_FIELD: new_token()}, follow=True
        )
    assert "envoyés à 2 membres et à 1 personne invitée hors de l'équipe." in _html(response)
    (message,) = _to(guest.email)
    assert "Bonjour Claire Le Bihan," in message.body
    assert "vous invite à la RCP de rentrée, le " in message.body
    links = _links(message.body)
    assert list(links) == ["Je serai là", "Je ne pourrai pas venir", "Peut-être"]
    for url in links.values():
        token = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        assert Guest.from_token(token) == guest
    # Nothing of the agenda leaves the portal: no case in the e-mail.
    assert "insuffisance cardiaque" not in message.body
    (attachment,) = message.attachments
    calendar = icalendar.Calendar.from_ical(attachment[1])
    event = next(c for c in calendar.walk() if c.name == "VEVENT")
    assert str(event["ATTENDEE"]).lower() == f"mailto:{guest.email}"
    guest.refresh_from_db()
    assert guest.invited_at is not None
    # The members' e-mails are unchanged (their own links, not the guest's).
    assert "/invitation/" not in _to(member.email)[0].body


def test_the_guest_link_opens_that_meeting_s_agenda_and_records_the_answer(
    client, meeting, guest, structure, coordinator, django_capture_on_commit_callbacks
):
    other = MeetingFactory(structure=structure, title="RCP de décembre")
    AgendaItemFactory(meeting=other, title="Adolescente de 15 ans, troubles alimentaires")
    past = MeetingFactory(structure=structure, past=True, minutes_text="Tour de table secret.")
    validate_minutes(past, by=coordinator)
    url = invitations.guest_answer_url(guest, Answer.MAYBE)
    response = client.get(_path(url))  # not signed in
    assert response.status_code == 200
    html = _html(response)
    assert "RCP de rentrée" in html and "Homme de 67 ans, insuffisance cardiaque" in html
    assert re.search(r'<input[^>]*value="peut_etre"[^>]*checked', html)
    # That meeting only: no other meeting, no minutes, no page of the structure.
    assert "RCP de décembre" not in html and "troubles alimentaires" not in html
    assert "Tour de table secret." not in html
    for name, args in [
        ("rcp:meeting", [meeting.pk]),
        ("rcp:meeting", [other.pk]),
        ("rcp:structure", [structure.pk]),
        ("structures:detail", [structure.pk]),
        ("rcp:minutes_pdf", [past.pk]),
    ]:
        assert f'href="{reverse(name, args=args)}"' not in html
    # Opening the link recorded nothing; the button does, once per click.
    guest.refresh_from_db()
    assert guest.answer == Answer.NONE
    token = new_token()
    for _click in range(2):
        client.post(urlsplit(url).path, {"answer": Answer.PRESENT, TOKEN_FIELD: token})
    guest.refresh_from_db()
    assert guest.answer == Answer.PRESENT and guest.answered_at is not None
    page = _html(client.get(urlsplit(url).path))
    assert "Votre réponse enregistrée : Sera là." in page
    # The organisers see it on the meeting's page.
    coordinator_page = _html(_signed_in(client, coordinator).get(meeting.get_absolute_url()))
    assert "Réponse : Sera là" in coordinator_page


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_the_guest_link_opens_nothing_else(client, meeting, guest, structure):
    token = guest.token
    # The guest's link is no key to the portal's pages.
    for url in (
        meeting.get_absolute_url(),
        reverse("rcp:structure", args=[structure.pk]),
        reverse("rcp:answer", args=[token]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/comptes/" in response["Location"] or "login" in response["Location"]
    # Another meeting's guest link is a link to that one only; a tampered one is a 404.
    other = MeetingFactory(structure=structure)
    forged = signing.dumps([guest.pk, other.pk], salt=GUEST_TOKEN_SALT)
    assert client.get(reverse("rcp:guest_answer", args=[forged])).status_code == 404
    assert client.get(reverse("rcp:guest_answer", args=["forged"])).status_code == 404
    # A member's answer token is no guest's.
    invitee = meeting.invitees.first()
    assert client.get(reverse("rcp:guest_answer", args=[invitee.token])).status_code == 404


def test_the_link_expires_with_the_meeting_and_with_the_guest(client, meeting, guest):
    url = reverse("rcp:guest_answer", args=[guest.token])
    # Started: the agenda is still there, the answer closed.
    meeting.starts_at = timezone.now() - datetime.timedelta(minutes=10)
    meeting.save(update_fields=["starts_at"])
    html = _html(client.get(url))
    assert "La réunion a commencé : la réponse est close." in html
    assert "Confirmer ma réponse" not in html
    client.post(url, {"answer": Answer.PRESENT, TOKEN_FIELD: new_token()})
    guest.refresh_from_db()
    assert guest.answer == Answer.NONE
    # Over: a 404.
    meeting.starts_at = in_days(-1)
    meeting.save(update_fields=["starts_at"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": Answer.PRESENT}).status_code == 404
    # An old token (past its signature's age) is a 404 too.
    assert Guest.from_token(guest.token, max_age=-1) is None


def test_a_guest_added_after_the_agenda_receives_it_at_once(
    client_for, meeting, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client_for(coordinator), meeting)
    assert response.status_code == 302
    (message,) = _to(NURSE["invite-email"])
    assert "Invitation à la RCP du " in message.subject


def test_a_change_and_a_cancellation_reach_the_guest_whose_email_then_goes(
    client_for, meeting, guest, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    meeting.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes = meeting.apply_changes(place="Mairie, salle du conseil")
        invitations.send_update(meeting, changes=changes)
    (update,) = _to(guest.email)
    assert "change de lieu :" in update.body and "/invitation/" in update.body
    mail.outbox.clear()
    client = client_for(coordinator)
    page = _html(client.get(reverse("rcp:meeting_cancel", args=[meeting.pk])))
    assert "Une annulation sera aussi envoyée à la personne invitée hors de l'équipe." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rcp:meeting_cancel", args=[meeting.pk]), {TOKEN_FIELD: new_token()})
    (cancel,) = _to("claire.lebihan@exemple.fr")
    assert "est annulée" in cancel.body
    guest.refresh_from_db()
    assert guest.email == ""  # kept for that meeting only
    # The cancelled meeting's link says so.
    response = client_for(None).get(reverse("rcp:guest_answer", args=[guest.token]))
    assert response.status_code == 410


def test_removing_a_guest_withdraws_the_invitation(
    client_for, meeting, guest, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    mail.outbox.clear()
    token = guest.token
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:guest_remove", args=[guest.pk]), {TOKEN_FIELD: new_token()}
        )
    assert response.status_code == 302
    assert not Guest.objects.exists()
    (message,) = _to("claire.lebihan@exemple.fr")
    assert "Invitation retirée" in message.subject
    calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
    assert calendar["METHOD"] == "CANCEL"
    assert client_for(None).get(reverse("rcp:guest_answer", args=[token])).status_code == 404


def test_guests_do_not_change_once_the_meeting_is_past(client_for, structure, coordinator):
    past = MeetingFactory(structure=structure, past=True)
    kept = Guest.objects.create(meeting=past, name="Nolwenn Riou", profession="Psychologue")
    client = client_for(coordinator)
    response = client.post(
        reverse("rcp:guest_remove", args=[kept.pk]), {TOKEN_FIELD: new_token()}, follow=True
    )
    assert "ses personnes invitées restent dans son historique" in _html(response)
    assert Guest.objects.filter(pk=kept.pk).exists()
    response = _add(client, past)
    assert response.status_code == 302 and past.guests.count() == 1


def test_the_email_goes_when_the_minutes_are_validated(meeting, guest, coordinator):
    # The agenda e-mail once sent to the guest keeps its recipients until then.
    sent = SentNotification.objects.create(
        key="agenda-invite",
        recipients=["Claire.LeBihan@exemple.fr", "membre@exemple.fr"],
        sent_at=timezone.now(),
    )
    meeting.starts_at = in_days(-1)
    meeting.minutes_text = "Tour de table."
    meeting.save(update_fields=["starts_at", "minutes_text"])
    mail.outbox.clear()
    validate_minutes(meeting, by=coordinator)
    guest.refresh_from_db()
    assert guest.email == ""
    # Nor is it kept with the e-mails already sent.
    sent.refresh_from_db()
    assert sent.recipients == ["membre@exemple.fr"]
    # The minutes are the members' only.
    assert _to("claire.lebihan@exemple.fr") == []


def test_else_the_daily_job_erases_it_three_days_after(
    meeting, guest, django_capture_on_commit_callbacks
):
    meeting.starts_at = in_days(-3)
    meeting.save(update_fields=["starts_at"])
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(timezone.localdate() - datetime.timedelta(days=1), kinds=[MinutesLate3()])
    guest.refresh_from_db()
    assert guest.email == "claire.lebihan@exemple.fr"  # the day before: kept
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(timezone.localdate(), kinds=[MinutesLate3()])
    guest.refresh_from_db()
    assert guest.email == ""
