"""Issue 19, finding 17 (library): the network library showed a shared
protocol's indicator comments to every signed-in account. The comments are
the team's notes: never shown in the library; the values only if the team
chose to when sharing (default: not shown)."""

import datetime

import pytest
from django.urls import reverse

from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db

COMMENT = "Baisse : Dr Le Gall en congé"


@pytest.fixture
def shared(structure):
    protocol = protocol_with_steps(1, structure=structure, shared_with_network=True)
    indicator = IndicatorFactory(protocol=protocol, name="Patients inclus")
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=17)
    IndicatorValueFactory(
        indicator=indicator, date=datetime.date(2025, 4, 1), value=23, comment=COMMENT
    )
    return protocol


def test_the_library_shows_neither_values_nor_comments_by_default(
    client_for, other_member, coordinator, shared
):
    url = reverse("protocols:library_detail", args=[shared.pk])
    html = client_for(other_member).get(url).content.decode()
    assert "Patients inclus" in html
    assert "L'équipe n'a pas partagé les valeurs de cet indicateur." in html.replace("&#x27;", "'")
    assert "Le Gall" not in html and "23" not in html and "polyline" not in html
    # The team's own page still shows them.
    page = client_for(coordinator).get(reverse("protocols:protocol_detail", args=[shared.pk]))
    assert COMMENT in page.content.decode().replace("&#x27;", "'")


def test_values_shown_when_the_team_chose_so_and_never_the_comments(
    client_for, other_member, coordinator, shared
):
    shared.unshare(by=coordinator)
    client = client_for(coordinator)
    # The share form offers the choice, unticked.
    detail = client.get(reverse("protocols:protocol_detail", args=[shared.pk])).content.decode()
    assert 'name="show_indicator_values" id="show_indicator_values" ' in detail
    assert 'name="show_indicator_values" id="show_indicator_values" checked' not in detail
    client.post(
        reverse("protocols:protocol_share", args=[shared.pk]),
        {"show_structure": "on", "show_indicator_values": "on"},
    )
    shared.refresh_from_db()
    assert shared.shared and shared.show_indicator_values
    html = client_for(other_member).get(reverse("protocols:library_detail", args=[shared.pk]))
    html = html.content.decode()
    assert "23" in html and "polyline" in html
    assert "Le Gall" not in html and "Commentaire" not in html


def test_sharing_without_the_box_keeps_the_values_private(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure, validated=True)
    client_for(coordinator).post(
        reverse("protocols:protocol_share", args=[protocol.pk]), {"show_structure": "on"}
    )
    protocol.refresh_from_db()
    assert protocol.shared and not protocol.show_indicator_values
