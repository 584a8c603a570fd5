"""Every select says what its empty choice means (« — Choisir le type — »),
never Django's bare « --------- » nor a lone dash."""

import html
import re

import pytest
from django.urls import reverse

from gecolib.text import sorted_french
from tests.facilitations.factories import FacilitationRequestFactory

pytestmark = pytest.mark.django_db

BARE = {"---------", "—", "-", ""}


def empty_choices(page: str) -> dict[str, str]:
    """The label of each select's empty option, by select name."""
    found = {}
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', body):
            if value == "":
                found[name] = label.strip()
    return found


def test_forms_offer_a_meaningful_empty_choice(client_for, staff, structure, facilitation):
    req = FacilitationRequestFactory()
    pages = [
        reverse("profile"),
        reverse("structures:create"),
        reverse("structures:edit", args=[structure.pk]),
        reverse("structures:directory"),
        reverse("facilitations:session_create", args=[facilitation.pk]),
        reverse("facilitations:close", args=[facilitation.pk]),
        reverse("facilitations:request_accept", args=[req.pk]),
        reverse("facilitations:triage"),
    ]
    client = client_for(staff)
    seen = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        for name, label in empty_choices(response.content.decode()).items():
            assert label not in BARE, f"{url}: the select {name} offers « {label} »"
            seen[(response.resolver_match.view_name, name)] = label
    assert seen[("structures:create", "kind")] == "— Choisir le type —"
    assert seen[("structures:edit", "commune")] == "— Choisir la commune —"
    assert seen[("facilitations:session_create", "phase")] == "— Choisir la phase —"
    assert seen[("facilitations:close", "outcome")] == "— Choisir le résultat —"
    assert seen[("facilitations:request_accept", "new_structure_kind")] == "— Choisir le type —"
    assert seen[("profile", "epci")] == "— Choisir votre territoire —"


def test_communes_and_territories_are_listed_the_french_way(client_for, staff):
    page = client_for(staff).get(reverse("structures:create")).content.decode()
    for name in ("commune", "epcis"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        labels = [
            html.unescape(label)
            for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
            if value
        ]
        assert len(labels) > 10
        assert labels == sorted_french(labels), name
