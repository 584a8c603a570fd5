"""Issue 20, fault 2: after a form error on a protocol, the steps came back in
their old order (the page's script then renumbered ORDER from the rows'
place), so a step moved first was saved fourth. The order typed is the order
kept: on the page that comes back with the error, and when saved — with the
script (every ORDER renumbered) or without it (one ORDER typed by hand)."""

import re

import pytest
from django.urls import reverse

from tests.protocols.coordination.factories import protocol_with_steps

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'name="steps-(\d+)-who"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="steps-(\d+)-who"'
)
ORDER = re.compile(r'name="steps-(\d+)-ORDER" id="[^"]*" value="(\d*)"')


def _rendered_rows(html: str) -> list[tuple[int, str]]:
    """The step rows of the page, in their order on the page: (form index, who).
    The empty row's template (__prefix__) is not a row."""
    body = html.split("data-formset-body", 1)[1].split("data-formset-template", 1)[0]
    rows = []
    for match in ROW.finditer(body):
        index = match.group(1) or match.group(4)
        rows.append((int(index), match.group(2) if match.group(1) else match.group(3)))
    return rows


def _data(protocol, steps, orders: dict[int, str], **extra) -> dict:
    data = {
        "title": protocol.title,
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": "0",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(len(steps)),
        **extra,
    }
    for index, step in enumerate(steps):
        data |= {
            f"steps-{index}-id": str(step.pk),
            f"steps-{index}-who": step.who,
            f"steps-{index}-what": step.what,
            f"steps-{index}-ORDER": orders[index],
        }
    return data


@pytest.fixture
def protocol(structure):
    return protocol_with_steps(4, structure=structure, title="Chutes")


@pytest.mark.parametrize(
    ("script", "orders"),
    [
        # With the script: the fourth row moved up three times, ORDER renumbered.
        (True, {0: "2", 1: "3", 2: "4", 3: "1"}),
        # Without it: « 1 » typed on the fourth row only.
        (False, {0: "1", 1: "2", 2: "3", 3: "1"}),
    ],
    ids=["with-javascript", "without-javascript"],
)
def test_steps_come_back_and_are_saved_in_the_order_typed(
    client_for, coordinator, protocol, script, orders
):
    steps = list(protocol.steps.all())
    typed = ["Profession 4", "Profession 1", "Profession 2", "Profession 3"]
    url = reverse("protocols:protocol_edit", args=[protocol.pk])
    client = client_for(coordinator)
    response = client.post(url, _data(protocol, steps, orders, title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in html
    rows = _rendered_rows(html)
    assert [who for _index, who in rows] == typed
    # The form indexes keep their rows (only their place on the page changes).
    assert [index for index, _who in rows] == [3, 0, 1, 2]

    # Sent again, corrected: with the script, ORDER is renumbered on load from
    # the rows' place on the page; without it, the values shown are sent back.
    if script:
        resent = {index: str(place) for place, (index, _who) in enumerate(rows, start=1)}
    else:
        resent = {int(index): value for index, value in ORDER.findall(html)}
        assert resent == {int(k): v for k, v in orders.items()}
    response = client.post(url, _data(protocol, steps, resent))
    assert response.status_code == 302
    assert [(s.position, s.who) for s in protocol.steps.all()] == list(enumerate(typed, 1))


def test_a_new_row_typed_first_without_javascript_is_saved_first(client_for, coordinator, protocol):
    steps = list(protocol.steps.all())
    data = _data(protocol, steps, {0: "1", 1: "2", 2: "3", 3: "4"})
    data |= {
        "steps-TOTAL_FORMS": "5",
        "steps-4-who": "Pharmacien",
        "steps-4-what": "Bilan des traitements",
        "steps-4-ORDER": "1",
    }
    response = client_for(coordinator).post(
        reverse("protocols:protocol_edit", args=[protocol.pk]), data
    )
    assert response.status_code == 302
    assert [s.who for s in protocol.steps.all()][:2] == ["Pharmacien", "Profession 1"]
