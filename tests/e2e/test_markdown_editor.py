"""Writing without knowing Markdown: the toolbar puts the marks, the "Aperçu"
tab shows the formatted text (rendered by the server), and the comparison of
versions shows bold words in bold, not between `**`."""

import pytest

from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_toolbar_preview_and_rendered_comparison(page, structure, coordinator):
    from playwright.sync_api import expect

    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes du littoral.", by=coordinator)
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    page.get_by_role("link", name="Modifier « 1.1 Territoire et population »").click()

    text = page.get_by_label("Texte de la section")
    text.fill("Douze communes du ")
    text.press("End")
    page.get_by_role("button", name="Gras").click()
    expect(text).to_have_value("Douze communes du **texte en gras**")
    # the sample words are selected: typing replaces them
    page.keyboard.type("littoral")
    expect(text).to_have_value("Douze communes du **littoral**")

    page.get_by_role("button", name="Aperçu").click()
    preview = page.locator("#id_text-preview")
    expect(preview.locator("strong")).to_have_text("littoral")
    expect(text).to_be_hidden()
    page.get_by_role("button", name="Écrire").click()
    expect(text).to_be_visible()

    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.get_by_role("alert")).to_contain_text("version 2")
    page.goto(
        f"{page.base_url}/structures/{structure.pk}/projet-de-sante/versions/comparer/?a=1&b=2"
    )
    changed = page.locator(".diff-changed").first
    expect(changed.locator("ins strong")).to_have_text("littoral")
    expect(changed).not_to_contain_text("**")
