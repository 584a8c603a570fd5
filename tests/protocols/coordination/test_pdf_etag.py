"""A protocol's PDFs (full and pocket) carry an ETag known before rendering:
a 304 builds nothing, and any change of what they show changes it."""

import pytest
from django.urls import reverse

from protocols.coordination.models import Indicator, IndicatorValue
from tests.conditional_documents import assert_304_without_rendering
from tests.protocols.coordination.factories import protocol_with_steps

pytestmark = pytest.mark.django_db

VIEWS = ["protocols:protocol_pdf", "protocols:protocol_pocket_pdf"]
RENDERERS = {
    "protocols:protocol_pdf": "protocols.coordination.views.pdf.pdf_context",
    "protocols:protocol_pocket_pdf": "protocols.coordination.views.pdf.pocket_context",
}


@pytest.mark.parametrize("name", VIEWS)
def test_a_304_renders_nothing(client_for, structure, member, monkeypatch, name):
    protocol = protocol_with_steps(2, structure=structure)
    url = reverse(name, args=[protocol.pk])
    assert_304_without_rendering(client_for(member), url, monkeypatch, RENDERERS[name])


@pytest.mark.parametrize("name", VIEWS)
def test_the_etag_follows_the_protocol_its_parts_and_its_team(client_for, structure, member, name):
    protocol = protocol_with_steps(2, structure=structure)
    client = client_for(member)
    url = reverse(name, args=[protocol.pk])
    seen = [client.get(url)["ETag"]]

    def changed():
        etag = client.get(url)["ETag"]
        assert etag not in seen
        seen.append(etag)

    assert client.get(url)["ETag"] == seen[0]  # nothing changed, same ETag
    protocol.title = "Prévention des chutes à domicile"
    protocol.save()
    changed()
    step = protocol.steps.first()
    step.what = "Appeler l'infirmière référente"
    step.save()
    changed()
    protocol.members.add(member)
    changed()
    member.phone = "02 96 00 00 09"
    member.save()
    changed()
    indicator = Indicator.objects.create(protocol=protocol, name="Chutes évitées")
    changed()
    IndicatorValue.objects.create(indicator=indicator, date="2026-01-31", value=3)
    changed()
