"""A coordinator enters three months of a year on one grid: one month is
refused half-way (more revoyures than the patients included that month and
the month before), nothing is saved; corrected, the three months are saved
and the year's totals shown, with the estimate."""

import datetime

import pytest
from django.utils import timezone

from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_coordinator_fills_three_months_on_the_year_grid(page, coordinator):
    from playwright.sync_api import expect

    from protocols.cooperation.models import MonthlyActivity
    from tests.protocols.cooperation.factories import DeclarationFactory, msp_with_aci, national

    msp = msp_with_aci(name="MSP de Plougastel", signed_on=datetime.date(2021, 3, 1))
    msp.memberships.create(user=coordinator, role="coordinateur")
    declaration = DeclarationFactory(structure=msp, protocol=national("lombalgie"))
    this_year = timezone.localdate().year
    year = this_year - 1  # every month of last year is past

    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}{declaration.get_absolute_url()}")
    page.get_by_role("link", name=f"Saisir l'année {this_year} mois par mois").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Activité {this_year} mois par mois")
    # The year is chosen from a list (no month picker).
    page.get_by_label("Année", exact=True).select_option(str(year))
    page.get_by_role("button", name="Afficher l'année").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Activité {year} mois par mois")

    page.get_by_label(f"Patients inclus – janvier {year}").fill("4")
    page.get_by_label(f"Réévaluations – janvier {year}").fill("2")
    page.get_by_label(f"Patients inclus – février {year}").fill("3")
    page.get_by_label(f"Revoyures – février {year}").fill("9")  # beyond 4 + 3
    page.get_by_label(f"Patients inclus – mars {year}").fill("5")
    page.get_by_label(f"Réévaluations – mars {year}").fill("4")
    page.get_by_label(f"Exclusions – mars {year}").fill("1")
    page.get_by_role("button", name=f"Enregistrer l'année {year}").click()

    summary = page.get_by_role("alert").filter(has_text="Le tableau n'est pas enregistré")
    expect(summary).to_contain_text(
        f"Les revoyures de février {year} (9) dépassent les patients inclus "
        f"en janvier et février {year} (7)."
    )
    february = page.get_by_role("row").filter(has_text=f"Février {year}")
    expect(february).to_contain_text("dépassent les patients inclus")
    expect(page.get_by_label(f"Revoyures – février {year}")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert not MonthlyActivity.objects.filter(declaration=declaration).exists()
    # What was typed is still there.
    expect(page.get_by_label(f"Patients inclus – mars {year}")).to_have_value("5")

    page.get_by_label(f"Revoyures – février {year}").fill("2")
    page.get_by_role("button", name=f"Enregistrer l'année {year}").click()
    expect(page.get_by_role("alert").filter(has_text="3 mois enregistrés")).to_contain_text(
        f"Financement estimé {year} : 12 × 25 € + 6 × 20 € = 420 €."
    )
    totals = page.get_by_role("row").filter(has_text=f"Total {year} enregistré")
    expect(totals).to_contain_text("12")
    expect(totals).to_contain_text("420 €")
    expect(totals).to_contain_text("12 × 25 € + 6 × 20 € = 420 €")
    expect(page.get_by_label(f"Patients inclus – mars {year}")).to_have_value("5")
    expect(page.get_by_text("Montants estimés.")).to_be_visible()
    assert MonthlyActivity.objects.filter(declaration=declaration).count() == 3
