"""Phones (375 px): list filters fold behind « Filtrer », tables become cards,
and no page scrolls sideways — the versions table used to, its
screen-reader-only text escaping the scroll box."""

import re

import pytest

from structures.enums import HealthProjectSection as Section
from structures.enums import Stage, StructureKind
from structures.models import HealthProject, Structure
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.e2e]

PHONE = {"width": 375, "height": 812}


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_directory_filters_fold_and_rows_become_cards(page):
    from playwright.sync_api import expect

    Structure.objects.create(name="MSP du Léon", kind=StructureKind.MSP, stage=Stage.MSP_RECOGNISED)
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/structures/")
    search = page.get_by_label("Recherche")
    expect(search).to_be_hidden()
    toggle = page.get_by_role("button", name="Filtrer", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(search).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # The fold has finished opening (no « collapsing » transition left)
    # before anything in it is clicked.
    expect(page.locator("#filtres-pli")).to_have_class(re.compile(r"\bshow\b"))
    row = page.locator("table.table-cards tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert overflow(page) == 0
    # With a filter chosen, the fields stay open and the button says how many.
    page.get_by_label("Type").select_option("msp")
    with page.expect_navigation():
        page.get_by_role("button", name="Appliquer les filtres").click()
    assert "kind=msp" in page.url
    expect(page.get_by_label("Recherche")).to_be_visible()
    expect(page.get_by_role("button", name="Filtrer 1 actif")).to_be_visible()


def test_versions_of_a_health_project_fit_a_phone(page):
    from playwright.sync_api import expect

    membership = MembershipFactory(user__email="membre@exemple.fr")
    project = HealthProject.objects.create(structure=membership.structure)
    for text in ("Douze communes.", "Treize communes.", "Quatorze communes."):
        project.save_section(Section.TERRITORY, text, by=membership.user)
    login(page, "membre@exemple.fr", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + f"/structures/{membership.structure.pk}/projet-de-sante/versions/")
    expect(page.get_by_role("link", name="Version 3", exact=True)).to_be_visible()
    assert overflow(page) == 0
    # At 1280 px the same list is a table again.
    page.set_viewport_size({"width": 1280, "height": 900})
    row = page.locator("table.table-cards tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"
