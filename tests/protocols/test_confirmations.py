"""The protocols' irreversible or heavy actions are confirmed first: archiving
a coordination protocol, stopping a cooperation declaration, removing a
participant from a declared team. GET shows what will happen and changes
nothing; POST still acts; the pages open the same words in a dialog whose
trigger is a link to the confirmation page (the path without JavaScript)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from protocols.enums import ProtocolStatus
from protocols.models.cooperation.declarations import DeclarationStatus, ParticipantRole
from tests.protocols.cooperation_factories import DeclarationFactory, physiotherapist
from tests.protocols.coordination_factories import protocol_with_steps

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_archiving_a_protocol_is_confirmed_with_what_happens(client_for, coordinator, structure):
    protocol = protocol_with_steps(structure=structure, shared_with_network=True, title="Chutes")
    client = client_for(coordinator)
    url = reverse("protocols:protocol_transition", args=[protocol.pk, "archive"])
    response = client.get(url)
    assert response.status_code == 200
    html = _text(response)
    assert "Archiver le protocole « Chutes » ?" in html
    assert "ses rappels de révision s'arrêtent" in html
    assert "il est retiré de la bibliothèque du réseau" in html
    assert "le remettre en conception puis le faire valider de nouveau" in html
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.VALIDATED and protocol.shared
    detail = _text(client.get(reverse("protocols:protocol_detail", args=[protocol.pk])))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in detail
    assert 'class="modal fade" id="confirmer-archiver"' in detail
    # POST still archives
    assert client.post(url).status_code == 302
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.ARCHIVED and not protocol.shared
    response = client.get(url, follow=True)
    assert "Ce protocole est déjà archivé." in _text(response)


def test_other_status_changes_stay_post_only(client_for, coordinator, structure):
    protocol = protocol_with_steps(structure=structure, validated=True)
    url = reverse("protocols:protocol_transition", args=[protocol.pk, "start"])
    assert client_for(coordinator).get(url).status_code == 405


def test_stopping_a_declaration_is_confirmed_then_done(client_for, coordinator, structure):
    declaration = DeclarationFactory(structure=structure)
    client = client_for(coordinator)
    url = reverse("protocols:cooperation_status", args=[declaration.pk])
    html = _text(client.get(url))
    assert "Arrêter le protocole de coopération « Lombalgie aiguë » ?" in html
    assert f"Le protocole sera « arrêté » pour {structure.name} à la date indiquée" in html
    assert "Un protocole arrêté ne reprend pas" in html
    assert "Le portail ne prévient pas l'ARS" in html
    assert 'name="status" value="arrete"' in html and 'id="arret_date"' in html
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    page = _text(client.get(declaration.get_absolute_url()))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert 'id="confirmer-arreter"' in page
    # « arrêté » is no longer offered in the plain status form
    assert '<option value="arrete"' not in page
    # a refused date: back on the confirmation page, with the error, nothing changed
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(url, {"status": "arrete", "date": "pas une date"})
    assert response.status_code == 200 and "data-error-summary" in _text(response)
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    response = client.post(url, {"status": "arrete", "date": tomorrow.isoformat()})
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    response = client.post(url, {"status": "arrete", "date": timezone.localdate().isoformat()})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.STOPPED
    assert "Ce protocole est déjà arrêté." in _text(client.get(url, follow=True))


def test_other_status_changes_are_not_confirmed(client_for, coordinator, structure):
    declaration = DeclarationFactory(structure=structure)
    url = reverse("protocols:cooperation_status", args=[declaration.pk])
    today = timezone.localdate().isoformat()
    response = client_for(coordinator).post(url, {"status": "suspendu", "date": today})
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
    url = reverse("protocols:cooperation_participant_remove", args=[declaration.pk, participant.pk])
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
