"""Issue 19, finding 10: ticking « Supprimer » on an indicator deleted it and
all its dated values for good. Now the deletion is confirmed first, the state
before is kept as a version of the protocol (with the dated values), and
restoring that version brings them back — without losing what was added
since."""

import datetime

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.coordination.models import Indicator, IndicatorValue
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _table(indicators, *, delete=()) -> dict:
    data = {
        "indicators-TOTAL_FORMS": str(len(indicators)),
        "indicators-INITIAL_FORMS": str(len(indicators)),
        TOKEN_FIELD: new_token(),
    }
    for index, indicator in enumerate(indicators):
        data |= {
            f"indicators-{index}-id": str(indicator.pk),
            f"indicators-{index}-name": indicator.name,
            f"indicators-{index}-target": indicator.target,
            f"indicators-{index}-measure": indicator.measure,
            f"indicators-{index}-ORDER": str(index + 1),
        }
        if indicator in delete:
            data[f"indicators-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def protocol(structure, coordinator):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    inclusions = IndicatorFactory(protocol=protocol, name="Patients inclus", position=1)
    IndicatorFactory(protocol=protocol, name="Taux de chutes", position=2)
    for month, value in ((1, 4), (4, 7), (7, 9)):
        IndicatorValueFactory(
            indicator=inclusions,
            date=datetime.date(2025, month, 1),
            value=value,
            comment="réunion d'équipe" if month == 4 else "",
        )
    protocol.save_revision(by=coordinator, comment="Création")
    return protocol


def test_ticking_supprimer_asks_for_a_confirmation_and_deletes_nothing(
    client_for, coordinator, protocol
):
    inclusions, rate = protocol.indicators.all()
    url = reverse("protocols:protocol_indicators", args=[protocol.pk])
    response = client_for(coordinator).post(url, _table([inclusions, rate], delete=[inclusions]))
    html = _text(response)
    assert response.status_code == 200
    assert "Supprimer l'indicateur « Patients inclus » ?" in html
    assert "« Patients inclus » et ses 3 valeurs datées" in html
    assert "gardé comme une version du protocole" in html
    # The confirmation sends the same table again, confirmed.
    assert f'name="indicators-0-id" value="{inclusions.pk}"' in html
    assert 'name="confirmer_suppression" value="1"' in html
    assert protocol.indicators.count() == 2 and IndicatorValue.objects.count() == 3


def test_the_deletion_is_kept_in_the_versions_and_a_restore_brings_it_back(
    client_for, coordinator, protocol
):
    inclusions, rate = protocol.indicators.all()
    # A value entered after the latest version (values make no version of their own).
    IndicatorValueFactory(indicator=inclusions, date=datetime.date(2025, 10, 1), value=12)
    client = client_for(coordinator)
    url = reverse("protocols:protocol_indicators", args=[protocol.pk])
    data = _table([inclusions, rate], delete=[inclusions]) | {"confirmer_suppression": "1"}
    response = client.post(url, data, follow=True)
    assert "L'état d'avant reste dans les versions du protocole" in _text(response)
    assert list(protocol.indicators.values_list("name", flat=True)) == ["Taux de chutes"]
    assert not IndicatorValue.objects.filter(indicator_id=inclusions.pk).exists()

    before, after = protocol.revisions.order_by("-number")[1], protocol.revisions.first()
    assert before.comment == "Avant la suppression de l'indicateur « Patients inclus »"
    kept = before.content["indicators"][0]
    assert kept["name"] == "Patients inclus"
    assert [(v["date"], v["value"]) for v in kept["values"]] == [
        ("2025-01-01", "4.00"),
        ("2025-04-01", "7.00"),
        ("2025-07-01", "9.00"),
        ("2025-10-01", "12.00"),
    ]
    assert after.comment == "Indicateur « Patients inclus » supprimé"
    assert [i["name"] for i in after.content["indicators"]] == ["Taux de chutes"]
    # The version's page and the comparison show the indicators.
    version = client.get(reverse("protocols:protocol_version", args=[protocol.pk, before.number]))
    assert "Patients inclus — cible : 30 par an" in _text(version)
    assert "01/04/2025 : 7 (réunion d'équipe) ; 01/07/2025 : 9 ; 01/10/2025 : 12" in _text(version)

    # Meanwhile a value of the other indicator: a restore keeps it.
    IndicatorValueFactory(indicator=rate, date=datetime.date(2025, 11, 1), value=2)
    restore = reverse("protocols:protocol_restore", args=[protocol.pk, before.number])
    assert client.post(restore, {TOKEN_FIELD: new_token()}).status_code == 302
    restored = protocol.indicators.get(name="Patients inclus")
    assert list(protocol.indicators.values_list("name", flat=True)) == [
        "Patients inclus",
        "Taux de chutes",
    ]
    assert [(v.date.month, v.value, v.comment) for v in restored.values.all()] == [
        (1, 4, ""),
        (4, 7, "réunion d'équipe"),
        (7, 9, ""),
        (10, 12, ""),
    ]
    assert rate.values.get().value == 2
    assert protocol.revisions.first().content["indicators"][0]["name"] == "Patients inclus"


def test_a_table_saved_without_deletion_needs_no_confirmation(client_for, coordinator, protocol):
    inclusions, rate = protocol.indicators.all()
    data = _table([inclusions, rate])
    data["indicators-1-target"] = "Moins de 2 par an"
    response = client_for(coordinator).post(
        reverse("protocols:protocol_indicators", args=[protocol.pk]), data
    )
    assert response.status_code == 302
    assert Indicator.objects.get(pk=rate.pk).target == "Moins de 2 par an"
    latest = protocol.revisions.first()
    assert latest.comment == "Indicateurs modifiés"
    assert latest.content["indicators"][1]["target"] == "Moins de 2 par an"


def test_a_double_click_adds_a_new_indicator_once(client_for, coordinator, protocol):
    inclusions, rate = protocol.indicators.all()
    data = _table([inclusions, rate]) | {
        "indicators-TOTAL_FORMS": "3",
        "indicators-2-name": "Réunions tenues",
        "indicators-2-ORDER": "3",
    }
    client = client_for(coordinator)
    url = reverse("protocols:protocol_indicators", args=[protocol.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert protocol.indicators.filter(name="Réunions tenues").count() == 1
