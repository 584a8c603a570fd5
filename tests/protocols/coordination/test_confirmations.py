"""A coordination protocol's irreversible action is confirmed first: archiving
it. GET shows what will happen and changes nothing; POST still acts; the page
opens the same words in a dialog whose trigger is a link to the confirmation
page (the path without JavaScript)."""

import pytest
from django.urls import reverse

from protocols.coordination.enums import ProtocolStatus
from tests.protocols.coordination.factories import protocol_with_steps

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
