"""The RCPs' irreversible actions are confirmed first: cancelling a meeting
(a CANCEL e-mailed to the invited members), validating the minutes (frozen and
announced by e-mail with a link), deleting an agenda item. GET shows what will happen
and changes nothing; POST still acts; the meeting's page opens the same words
in a dialog whose trigger is a link to the confirmation page (the path
without JavaScript)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp.enums import MeetingStatus
from protocols.rcp.invitations import send_agenda
from protocols.rcp.models import AgendaItem
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_cancelling_says_the_invited_members_receive_a_cancel(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure, title="RCP plaies")
    with django_capture_on_commit_callbacks(execute=True):
        send_agenda(meeting)
    meeting.refresh_from_db()
    mail.outbox.clear()
    client = client_for(coordinator)
    url = reverse("rcp:meeting_cancel", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = _text(response)
    # The title says RCP already: « la RCP plaies », never « la RCP « RCP plaies » ».
    assert "Annuler la RCP plaies ?" in html and "« RCP plaies »" not in html
    assert "Une annulation sera envoyée par e-mail aux 2 membres invités" in html
    assert "(CANCEL)" in html and "Cette action ne s'annule pas" in html
    meeting.refresh_from_db()
    assert meeting.status != MeetingStatus.CANCELLED and not mail.outbox
    page = _text(client.get(meeting.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert 'class="modal fade" id="confirmer-annuler"' in page
    assert "aux 2 membres invités" in page
    token = new_token()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {TOKEN_FIELD: token}).status_code == 302
        # A double click: nothing sent twice.
        assert client.post(url, {TOKEN_FIELD: token}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    assert "Cette RCP ne peut plus être annulée." in _text(client.get(url, follow=True))


def test_cancelling_before_the_agenda_left_says_no_one_is_told(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    html = _text(client_for(coordinator).get(reverse("rcp:meeting_cancel", args=[meeting.pk])))
    assert "personne ne sera prévenu par e-mail" in html


def test_validating_the_minutes_says_they_are_frozen_and_sent(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting, summary="Évaluation du domicile.")
    client = client_for(coordinator)
    url = reverse("rcp:minutes_validate", args=[meeting.pk])
    html = _text(client.get(url))
    assert "Valider et envoyer le compte rendu ?" in html
    assert "Le compte rendu sera figé" in html
    assert "Les 2 membres invités à la RCP (et eux seuls) recevront un e-mail" in html
    assert f'name="{TOKEN_FIELD}"' in html
    meeting.refresh_from_db()
    assert not meeting.minutes_validated
    page = _text(client.get(meeting.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert 'id="confirmer-valider"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {TOKEN_FIELD: new_token()}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_validated
    assert len(mail.outbox) == 2
    assert mail.outbox[0].attachments == []
    response = client.get(url, follow=True)
    assert "déjà validé" in _text(response)


def test_validating_minutes_of_an_upcoming_meeting_is_not_offered(
    client_for, structure, coordinator
):
    meeting = MeetingFactory(structure=structure)
    response = client_for(coordinator).get(
        reverse("rcp:minutes_validate", args=[meeting.pk]), follow=True
    )
    assert "une fois la RCP tenue" in _text(response)


def test_deleting_an_item_is_confirmed_then_done(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    item = AgendaItemFactory(meeting=meeting, title="Chutes à domicile")
    client = client_for(coordinator)
    url = reverse("rcp:item_delete", args=[item.pk])
    html = _text(client.get(url))
    assert "Retirer le point « Chutes à domicile » ?" in html
    assert "sera supprimé de l'ordre du jour, avec sa description et sa synthèse" in html
    assert "L'ordre du jour a déjà été envoyé" in html
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    page = _text(client.get(meeting.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert f'id="confirmer-retirer-{item.pk}"' in page
    assert client.post(url).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_reader_sees_no_dialog(client_for, structure, member):
    meeting = MeetingFactory(structure=structure)
    AgendaItemFactory(meeting=meeting)
    page = _text(client_for(member).get(meeting.get_absolute_url()))
    assert 'data-bs-toggle="modal"' not in page and "confirmer-" not in page


def test_the_count_of_recipients_leaves_out_who_no_longer_reads(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    """A member who left is still on the list, and receives nothing: the
    confirmation counts those who will be told."""
    meeting = MeetingFactory(structure=structure)
    with django_capture_on_commit_callbacks(execute=True):
        send_agenda(meeting)
    member.memberships.update(end_date=timezone.localdate())
    html = _text(client_for(coordinator).get(reverse("rcp:meeting_cancel", args=[meeting.pk])))
    assert "envoyée par e-mail au membre invité" in html
