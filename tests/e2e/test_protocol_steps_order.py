"""A coordinator reorders the steps of a protocol on its form: drags the
last row to the top by its handle, then, the handle of a row focused, moves
it down with Alt + ↓; each move renumbers the order fields and is announced.
The order seen is the order saved — and without JavaScript, the order typed
in the order fields is the one kept."""

import pytest
from django.urls import reverse

from protocols.coordination.models import Protocol
from tests.e2e.conftest import login
from tests.factories import PASSWORD
from tests.protocols.coordination.factories import ProtocolFactory, StepFactory

pytestmark = [pytest.mark.e2e]

WHO = ["Médecin traitant", "Infirmier", "Pharmacien"]


def _protocol(structure, coordinator) -> Protocol:
    protocol = ProtocolFactory(structure=structure, title="Suivi des patients sous AVK")
    for position, who in enumerate(WHO, start=1):
        StepFactory(protocol=protocol, position=position, who=who, what=f"Étape de {who}")
    protocol.save_revision(by=coordinator, comment="Création")
    return protocol


def _saved_order(protocol) -> list[str]:
    return [step.who for step in Protocol.objects.get(pk=protocol.pk).steps.all()]


def _rows_who(page) -> list[str]:
    return [
        row.locator("input[name$='-who']").input_value()
        for row in page.locator("[data-formset-body] > [data-formset-row]").all()
    ]


def test_steps_reordered_by_drag_and_drop_and_by_keyboard(page, structure, coordinator):
    from playwright.sync_api import expect

    protocol = _protocol(structure, coordinator)
    login(page, coordinator.email, PASSWORD)
    page.goto(page.base_url + reverse("protocols:protocol_edit", args=[protocol.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier")
    rows = page.locator("[data-formset-body] > [data-formset-row]")
    handles = page.get_by_role("button", name="Déplacer la ligne")
    # The three steps and the empty row offered for a fourth.
    expect(handles).to_have_count(4)
    expect(page.get_by_text("glissez-la par sa poignée")).to_be_visible()

    # Drag the pharmacist's row by its handle above the first row.
    handles.nth(2).drag_to(rows.nth(0), target_position={"x": 40, "y": 5})
    assert _rows_who(page) == ["Pharmacien", "Médecin traitant", "Infirmier", ""]
    orders = page.locator("[data-formset-order]")
    assert [orders.nth(i).input_value() for i in range(4)] == ["1", "2", "3", "4"]
    status = page.locator("[data-reorder-status]")
    expect(status).to_have_text("Ligne déplacée en position 1 sur 4.")

    # The doctor's row (now second) moves down with the keyboard.
    rows.nth(1).get_by_role("button", name="Déplacer la ligne").focus()
    page.keyboard.press("Alt+ArrowDown")
    assert _rows_who(page) == ["Pharmacien", "Infirmier", "Médecin traitant", ""]
    expect(status).to_have_text("Ligne déplacée en position 3 sur 4.")
    # The focus stays on the handle moved: other presses move it again.
    expect(rows.nth(2).get_by_role("button", name="Déplacer la ligne")).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    assert _rows_who(page) == ["Médecin traitant", "Pharmacien", "Infirmier", ""]
    expect(status).to_have_text("Ligne déplacée en position 1 sur 4.")
    # At the top, Alt + ↑ leaves it there.
    page.keyboard.press("Alt+ArrowUp")
    assert _rows_who(page) == ["Médecin traitant", "Pharmacien", "Infirmier", ""]

    # A fourth step, typed in the empty row, moved above the nurse.
    page.locator("#id_steps-3-who").fill("Kinésithérapeute")
    page.locator("#id_steps-3-what").fill("Évalue l'équilibre")
    handles.nth(3).focus()
    page.keyboard.press("Alt+ArrowUp")
    assert _rows_who(page) == ["Médecin traitant", "Pharmacien", "Kinésithérapeute", "Infirmier"]
    # A row added after the page loaded has its handle too.
    page.get_by_role("button", name="Ajouter une étape").click()
    expect(handles).to_have_count(5)

    page.get_by_role("button", name="Enregistrer le protocole").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi des patients sous AVK")
    assert _saved_order(protocol) == [
        "Médecin traitant",
        "Pharmacien",
        "Kinésithérapeute",
        "Infirmier",
    ]


def test_without_javascript_the_order_typed_is_kept(browser, live_server, structure, coordinator):
    from playwright.sync_api import expect

    protocol = _protocol(structure, coordinator)
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.base_url = live_server.url
        login(page, coordinator.email, PASSWORD)
        page.goto(page.base_url + reverse("protocols:protocol_edit", args=[protocol.pk]))
        # No handle without the script: the order is typed.
        expect(page.get_by_role("button", name="Déplacer la ligne")).to_have_count(0)
        page.locator("#id_steps-0-ORDER").fill("3")
        page.locator("#id_steps-1-ORDER").fill("1")
        page.locator("#id_steps-2-ORDER").fill("2")
        page.get_by_role("button", name="Enregistrer le protocole").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Suivi des patients sous AVK")
    finally:
        context.close()
    assert _saved_order(protocol) == ["Infirmier", "Pharmacien", "Médecin traitant"]
