"""A coordinator enters a month of cooperation counts and sees the amount,
with the calculation written out."""

import datetime

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_coordinator_enters_a_month_and_sees_the_amount(page, coordinator):
    from playwright.sync_api import expect

    from tests.protocols.cooperation.factories import DeclarationFactory, msp_with_aci, national

    msp = msp_with_aci(name="MSP de l'Aber-Wrac'h", signed_on=datetime.date(2021, 3, 1))
    msp.memberships.create(user=coordinator, role="coordinateur")
    DeclarationFactory(structure=msp, protocol=national("lombalgie"))

    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{msp.pk}/")
    page.get_by_role("link", name="Activité et financement des protocoles de coopération").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protocoles de coopération")
    page.get_by_role("link", name="Lombalgie aiguë").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Protocole de coopération « Lombalgie aiguë »"
    )

    page.get_by_role("link", name="Saisir l'activité d'un mois").click()
    page.get_by_label("Mois", exact=True).select_option("3")
    page.get_by_label("Année", exact=True).select_option("2025")
    page.get_by_label("Patients inclus").fill("10")
    page.get_by_label("Réévaluations").fill("12")
    page.get_by_label("Revoyures par le délégant").fill("1")
    page.get_by_label("Patients exclus").fill("0")
    page.get_by_role("button", name="Enregistrer le mois").click()
    # Refused in French, nothing saved: more re-evaluations than the patients
    # included that month and the month before (none entered for February).
    expect(
        page.get_by_text("dépassent les patients inclus en février et mars 2025 (10)")
    ).to_have_count(2)

    page.get_by_label("Réévaluations").fill("6")
    page.get_by_role("button", name="Enregistrer le mois").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Activité de mars 2025 enregistrée : 10 × 25 € + 6 × 20 € = 370 €."
    )
    row = page.get_by_role("row").filter(has_text="Mars 2025")
    expect(row).to_contain_text("10 × 25 € + 6 × 20 € = 370 €")
    expect(row).to_contain_text("370 €")
    expect(page.get_by_text("ne se cumule pas avec une facturation ordinaire")).to_be_visible()
