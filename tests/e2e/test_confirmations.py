"""Irreversible actions are confirmed in an accessible dialog: submitting the
health project to the ARS (saying that the version is frozen and that the
portal sends nothing) and ending a membership. Focus goes into the dialog and
back to its trigger when it is dismissed; nothing changes until confirmed."""

import pytest

from gecolib.text import de
from structures.enums import HealthProjectSection as Section
from structures.enums import HealthProjectStatus as Status
from structures.models import HealthProject
from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_submitting_to_the_ars_is_confirmed_in_a_dialog(page, structure, coordinator):
    from playwright.sync_api import expect

    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes du littoral.", by=coordinator)

    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    trigger = page.get_by_role("button", name="Soumettre à l'ARS…")
    trigger.click()
    dialog = page.get_by_role("dialog", name="Soumettre le projet de santé à l'ARS ?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("La version 1 du projet")
    expect(dialog).to_contain_text("figée")
    expect(dialog).to_contain_text("Le portail ne transmet pas le dossier à l'ARS.")
    expect(dialog).to_contain_text("démarches-simplifiées")
    expect(dialog.get_by_role("link", name="Télécharger le PDF du projet")).to_be_visible()
    # focus is in the dialog, and goes back to the trigger when it is dismissed
    expect(page.locator(".modal.show")).to_be_visible()
    expect(page.locator(".modal.show")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(trigger).to_be_focused()
    project.refresh_from_db()
    assert project.status == Status.DRAFT

    trigger.click()
    dialog.get_by_role("button", name="Soumettre à l'ARS").click()
    expect(page.get_by_role("alert")).to_contain_text("la version 1 est figée")
    expect(page.get_by_role("alert")).to_contain_text("Le portail ne transmet rien à l'ARS")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED


def test_ending_a_membership_is_confirmed_in_a_dialog(page, structure, coordinator, member):
    from playwright.sync_api import expect

    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/membres/")
    name = member.display_name
    page.get_by_role("button", name=f"Mettre fin à l'adhésion {de(name)}").click()
    dialog = page.get_by_role("dialog", name=f"Mettre fin à l'adhésion {de(name)} ?")
    expect(dialog).to_contain_text("ne fera plus partie de l'équipe")
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_be_hidden()
    assert member.memberships.get().is_current

    page.get_by_role("button", name=f"Mettre fin à l'adhésion {de(name)}").click()
    dialog.get_by_label("Date de sortie").fill("2000-01-01")
    dialog.get_by_role("button", name="Mettre fin à l'adhésion").click()
    # a refused date: the confirmation page with the error, nothing changed
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("ne peut pas précéder")
    assert member.memberships.get().is_current
    page.get_by_label("Date de sortie").fill("")
    page.get_by_role("button", name="Mettre fin à l'adhésion").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{name} ne fait plus partie de l'équipe")
    assert not member.memberships.get().is_current


def test_without_javascript_the_trigger_leads_to_a_confirmation_page(
    browser, live_server, structure, coordinator, settings
):
    from playwright.sync_api import expect

    settings.GECOLIB_REQUIRE_MFA = False
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes du littoral.", by=coordinator)
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    page.get_by_role("button", name="Soumettre à l'ARS…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Soumettre le projet de santé à l'ARS ?"
    )
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    page.get_by_role("button", name="Soumettre à l'ARS").click()
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    context.close()
