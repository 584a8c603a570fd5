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


def test_line_markers_stay_when_typing_and_shortcuts_wrap(page, structure, coordinator):
    """Fault 5 of issue 20: « Titre », « Sous-titre » and the list buttons
    left « ## » or « - » selected, so the next key typed erased it. The
    marker now goes at the start of the line, the caret after it; Ctrl+B,
    Ctrl+I put the marks around the selected words, Ctrl+K opens the link
    dialog with them as the link's text."""
    from playwright.sync_api import expect

    HealthProject.objects.create(structure=structure)
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    page.get_by_role("link", name="Modifier « 1.1 Territoire et population »").click()
    text = page.get_by_label("Texte de la section")
    expect(page.get_by_role("button", name="Gras", exact=True)).to_have_attribute(
        "title", "Gras (Ctrl+B)"
    )

    text.fill("")
    page.get_by_role("button", name="Titre", exact=True).click()
    page.keyboard.type("Objectifs")
    expect(text).to_have_value("## Objectifs")

    page.keyboard.press("Enter")
    page.get_by_role("button", name="Liste à puces", exact=True).click()
    page.keyboard.type("Dépistage")
    expect(text).to_have_value("## Objectifs\n- Dépistage")

    # On a line already written, the marker goes at its start (replacing a
    # list marker) and the caret keeps its place in the words.
    page.keyboard.press("Enter")
    page.keyboard.type("Vaccination")
    page.get_by_role("button", name="Sous-titre", exact=True).click()
    page.keyboard.type(" grippe")
    expect(text).to_have_value("## Objectifs\n- Dépistage\n### Vaccination grippe")
    page.keyboard.press("ArrowUp")
    page.get_by_role("button", name="Liste numérotée", exact=True).click()
    page.keyboard.type("!")
    expect(text).to_have_value("## Objectifs\n1. Dépistage!\n### Vaccination grippe")

    # Keyboard shortcuts on a selected word.
    text.fill("Douze communes du littoral")
    text.evaluate("(area) => area.setSelectionRange(6, 14)")  # « communes »
    text.press("Control+b")
    expect(text).to_have_value("Douze **communes** du littoral")
    text.evaluate("(area) => area.setSelectionRange(22, 30)")  # « littoral »
    text.press("Control+i")
    expect(text).to_have_value("Douze **communes** du *littoral*")
    text.evaluate("(area) => area.setSelectionRange(0, 5)")  # « Douze »
    text.press("Control+k")
    # The link dialog: the selected words are its text, the address is asked.
    dialog = page.get_by_role("dialog", name="Insérer un lien")
    expect(dialog.get_by_label("Texte du lien")).to_have_value("Douze")
    expect(dialog.get_by_label("Adresse")).to_be_focused()
    page.keyboard.type("https://exemple.fr")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(text).to_have_value("[Douze](https://exemple.fr) **communes** du *littoral*")
    expect(text).to_be_focused()
    expect(page.get_by_text("4 mots", exact=True)).to_be_visible()  # the word count
    assert page.url.endswith("/")  # no browser shortcut fired instead
