"""The directory map's HTML is kept rendered under a key made of what it
shows: the same map is rendered once, and a new structure, another filter
or another department shows at once."""

import re

import pytest
from django.template import defaulttags
from django.urls import reverse

from gecolib.models import EPCI
from tests.structures.factories import StructureFactory

pytestmark = pytest.mark.django_db

LAMBALLE = "200069391"  # 22
BREST = "242900314"  # 29


def finistere_line(client, **params) -> str:
    html = client.get(reverse("structures:directory"), params).content.decode()
    return re.search(r"Finistère \(29\)</a>[^<]*", html).group(0)


def test_the_map_shows_new_counts_and_filters_at_once(client):
    StructureFactory(name="ESP Armor", recognised=True, epcis=[EPCI.objects.get(siren=LAMBALLE)])
    assert ": 0 structure" in finistere_line(client)
    assert ": 0 structure" in finistere_line(client)  # from the kept fragment
    StructureFactory(name="MSP Iroise", recognised=True, epcis=[EPCI.objects.get(siren=BREST)])
    assert ": 1 structure" in finistere_line(client)
    assert ": 0 structure" in finistere_line(client, q="Armor")
    html = client.get(reverse("structures:directory"), {"department": "29"}).content.decode()
    assert 'aria-current="page">Finistère (29)' in html


def test_the_kept_map_is_not_rendered_again(client, monkeypatch):
    StructureFactory(name="ESP Armor", recognised=True, epcis=[EPCI.objects.get(siren=LAMBALLE)])
    client.get(reverse("structures:directory"))
    rendered = []

    real = defaulttags.ForNode.render

    def counting(self, context):
        if "region" in self.loopvars:
            rendered.append(1)
        return real(self, context)

    monkeypatch.setattr(defaulttags.ForNode, "render", counting)
    assert "Finistère" in client.get(reverse("structures:directory")).content.decode()
    assert rendered == []
