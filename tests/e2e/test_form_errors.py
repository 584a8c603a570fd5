"""A failed submit leads to its errors: focus on the summary at the top, each
error a link that takes the keyboard to its field, the field marked invalid
and described by its message, and what was typed kept."""

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e]


def test_failed_submit_focuses_the_summary_whose_links_lead_to_the_fields(page):
    from playwright.sync_api import expect

    UserFactory(email="erwan@exemple.fr", first_name="Erwan", last_name="Le Bihan", gp=True)
    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + "/facilitations/nouvelle/")
    page.get_by_label("Ou le nom du nouveau projet").fill("ESP du Mené")
    page.get_by_role("button", name="Envoyer ma demande").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_contain_text("Votre demande n'est pas envoyée")
    # the summary is at the top of the viewport, not below the fold
    assert summary.bounding_box()["y"] < page.viewport_size["height"]

    description = page.get_by_label("Décrivez votre projet et votre équipe")
    link = summary.get_by_role("link", name="Décrivez votre projet et votre équipe")
    expect(link).to_be_visible()
    # by keyboard: Tab from the summary reaches its first link, Enter follows it
    page.keyboard.press("Tab")
    first_link = summary.get_by_role("link").first
    expect(first_link).to_be_focused()
    link.focus()
    page.keyboard.press("Enter")
    expect(description).to_be_focused()
    expect(description).to_have_attribute("aria-invalid", "true")
    error_id = description.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_contain_text("Ce champ est obligatoire")
    # what was typed is kept
    expect(page.get_by_label("Ou le nom du nouveau projet")).to_have_value("ESP du Mené")


def test_a_choice_error_leads_to_the_first_choice(page):
    from playwright.sync_api import expect

    UserFactory(email="erwan@exemple.fr", first_name="Erwan", last_name="Le Bihan", gp=True)
    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + "/facilitations/nouvelle/")
    page.get_by_label("Ou le nom du nouveau projet").fill("ESP du Mené")
    page.get_by_label("Décrivez votre projet et votre équipe").fill("Une équipe de six.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    # the territory is typed in a combobox standing in for the select
    summary.get_by_role("link", name="Territoire (EPCI)").click()
    territory = page.get_by_role("combobox", name="Territoire (EPCI)")
    expect(territory).to_be_focused()
    expect(territory).to_have_attribute("aria-invalid", "true")
    # a list of checkboxes: the link leads to the first one
    summary.get_by_role("link", name="De quoi avez-vous besoin").click()
    focused = page.evaluate("document.activeElement.id")
    assert focused.endswith("_0"), focused
    expect(page.locator(f"#{focused}")).to_have_attribute("type", "checkbox")
