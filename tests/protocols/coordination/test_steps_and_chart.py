"""The steps' « Qui » offers the professions ticked on the protocol (a
datalist: free text still allowed); on a phone each step is a card (the
steps table and the editable table are `.table-cards`, each cell named by its
data-label); an indicator's chart draws its target as a line when the target
states a number."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import Profession
from protocols.coordination.enums import ProtocolTheme
from protocols.coordination.indicator_chart import indicator_chart, target_value
from protocols.coordination.models import Protocol
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db


def _datalist(html: str) -> list[str]:
    match = re.search(r'<datalist id="professions-etapes">(.*?)</datalist>', html, re.S)
    assert match, "no datalist of professions on the page"
    return re.findall(r'<option value="([^"]*)">', match.group(1))


def test_who_offers_the_professions_ticked_on_the_protocol(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure)
    protocol.professions.set(Profession.objects.filter(code__in=["21", "60"]))
    protocol.save_revision(by=coordinator, comment="Création")
    html = client_for(coordinator).get(reverse("protocols:protocol_edit", args=[protocol.pk]))
    html = html.content.decode()
    names = sorted(Profession.objects.filter(code__in=["21", "60"]).values_list("name", flat=True))
    assert _datalist(html) == names
    # Every « Qui » input, the empty row's too, reads the list.
    assert html.count('list="professions-etapes"') >= 2
    assert "step-professions.js" in html


def test_who_offers_the_professions_just_ticked_after_an_error_and_takes_free_text(
    client_for, coordinator, structure
):
    pharmacist = Profession.objects.get(code="21")
    url = reverse("protocols:protocol_create", args=[structure.pk])
    data = {
        "title": "",
        "theme": ProtocolTheme.ANTICOAGULANTS,
        "problem": "Des INR mal suivis.",
        "professions": [str(pharmacist.pk), "x", "999999999999999999999"],
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-who": "Coordinatrice de l'équipe",
        "steps-0-what": "Prévient le médecin",
        "steps-0-ORDER": "1",
        TOKEN_FIELD: new_token(),
    }
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 200
    assert _datalist(response.content.decode()) == [pharmacist.name]
    data.update({"title": "Suivi des AVK", "professions": [str(pharmacist.pk)]})
    data[TOKEN_FIELD] = new_token()
    assert client_for(coordinator).post(url, data).status_code == 302
    assert Protocol.objects.get().steps.get().who == "Coordinatrice de l'équipe"


def test_on_a_phone_each_step_is_a_card(client_for, coordinator, structure):
    protocol = protocol_with_steps(2, structure=structure)
    protocol.save_revision(by=coordinator, comment="Création")
    page = client_for(coordinator).get(protocol.get_absolute_url()).content.decode()
    assert re.search(r'<table class="[^"]*table-cards[^"]*">\s*<caption>2 étapes', page)
    assert '<td data-label="Qui">Profession 1</td>' in page
    form = client_for(coordinator).get(reverse("protocols:protocol_edit", args=[protocol.pk]))
    form = form.content.decode()
    assert 'class="table align-top formset-table table-cards"' in form
    assert '<td data-label="Qui">' in form


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("40 par an", Decimal("40")),
        ("≥ 60 %", Decimal("60")),
        ("12,5 %", Decimal("12.5")),
        ("Tous les patients", None),
        ("", None),
        ("1" * 30, None),
    ],
)
def test_the_number_a_target_states(target, value):
    assert target_value(target) == value


def test_the_chart_draws_the_target_line_within_its_scale(structure):
    indicator = IndicatorFactory(protocol=protocol_with_steps(1, structure=structure))
    for month, value in ((1, 10), (4, 20)):
        IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, month, 1), value=value)
    values = indicator.values.order_by("date")
    chart = indicator_chart(values, target="40 par an")
    assert chart["high"] == "40" and chart["target"]["value"] == "40"
    assert chart["target"]["y"] == f"{chart['top']:.1f}"  # the highest figure: the top
    assert indicator_chart(values, target="")["target"] is None
    assert indicator_chart(values)["high"] == "20"


def test_the_protocol_page_and_pdf_show_the_target_line(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure)
    indicator = IndicatorFactory(protocol=protocol, target="30 par an")
    for month, value in ((1, 10), (4, 20)):
        IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, month, 1), value=value)
    page = client_for(coordinator).get(protocol.get_absolute_url()).content.decode()
    assert 'class="indicator-chart__target"' in page
    assert "La ligne en pointillés marque la cible (30)." in page and "cible 30" in page
    other = IndicatorFactory(protocol=protocol, name="Satisfaction", target="Bonne")
    for month, value in ((1, 3), (4, 4)):
        IndicatorValueFactory(indicator=other, date=datetime.date(2025, month, 1), value=value)
    page = client_for(coordinator).get(protocol.get_absolute_url()).content.decode()
    assert page.count('class="indicator-chart__target"') == 1
