"""A cooperation declaration's irreversible or heavy actions are confirmed
first: stopping it, removing a participant from a declared team. GET shows
what will happen and changes nothing; POST still acts; the page opens the
same words in a dialog whose trigger is a link to the confirmation page (the
path without JavaScript)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from protocols.cooperation.models.declarations import DeclarationStatus, ParticipantRole
from tests.protocols.cooperation.factories import DeclarationFactory, physiotherapist

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_stopping_a_declaration_is_confirmed_then_done(client_for, coordinator, structure):
    declaration = DeclarationFactory(structure=structure)
    client = client_for(coordinator)
    url = reverse("cooperation:status", args=[declaration.pk])
    html = _text(client.get(url))
    assert "Arrêter le protocole de coopération « Lombalgie aiguë » ?" in html
    assert f"Le protocole sera « arrêté » pour {structure.name} à la date indiquée" in html
    assert "Un protocole arrêté ne reprend pas" in html
    assert "Le portail ne prévient pas l'ARS" in html
    assert 'name="status-status" value="arrete"' in html and 'id="arret_status-date"' in html
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    page = _text(client.get(declaration.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert 'id="confirmer-arreter"' in page
    # « arrêté » is no longer offered in the plain status form
    assert '<option value="arrete"' not in page
    # a refused date: back on the confirmation page, with the error, nothing changed
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(url, {"status-status": "arrete", "status-date": "pas une date"})
    assert response.status_code == 200 and "data-error-summary" in _text(response)
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    response = client.post(url, {"status-status": "arrete", "status-date": tomorrow.isoformat()})
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    response = client.post(
        url, {"status-status": "arrete", "status-date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.STOPPED
    assert "Ce protocole est déjà arrêté." in _text(client.get(url, follow=True))


def test_other_status_changes_are_not_confirmed(client_for, coordinator, structure):
    declaration = DeclarationFactory(structure=structure)
    url = reverse("cooperation:status", args=[declaration.pk])
    today = timezone.localdate().isoformat()
    response = client_for(coordinator).post(
        url, {"status-status": "suspendu", "status-date": today}
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.SUSPENDED


def test_removing_a_participant_says_a_new_declaration_is_needed(
    client_for, coordinator, structure
):
    declaration = DeclarationFactory(structure=structure)
    participant = declaration.participants.create(
        user=physiotherapist(structure, user__first_name="Yann", user__last_name="Le Bihan"),
        role=ParticipantRole.DELEGATE,
        training_date=datetime.date(2023, 6, 1),
        training_hours=10,
    )
    client = client_for(coordinator)
    url = reverse("cooperation:participant_remove", args=[declaration.pk, participant.pk])
    html = _text(client.get(url))
    assert "Retirer Yann Le Bihan de l'équipe du protocole ?" in html
    assert "quittera aujourd'hui l'équipe du protocole" in html
    assert "« nouvelle déclaration à faire »" in html
    participant.refresh_from_db()
    assert participant.removed_on is None
    page = _text(client.get(declaration.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert f'id="confirmer-retirer-{participant.pk}"' in page
    assert client.post(url).status_code == 302
    participant.refresh_from_db()
    declaration.refresh_from_db()
    assert participant.removed_on is not None and declaration.new_declaration_needed
    response = client.get(url, follow=True)
    assert "ne fait déjà plus partie de l'équipe" in _text(response)
