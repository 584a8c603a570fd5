"""Browser journey of the guide's search: a visitor finds a page by typing
without accents — first through the header box's title suggestions with the
keyboard, then through the results page."""

import pytest

from guide import services
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e]


def _published(title, body, **options):
    author = UserFactory(email="redaction@exemple.fr", staff=True)
    page = services.create_page(title=title, body=body, by=author, **options)
    services.publish(page, by=author)
    return page


def test_visitor_finds_a_page_by_searching_without_accents(page):
    from playwright.sync_api import expect

    _published(
        "Réunion de concertation pluriprofessionnelle",
        "## Préparer\n\nUn ordre du jour envoyé à l'avance ; un travail coordonné.",
        summary="Décider ensemble pour les situations complexes.",
        themes=["rcp"],
    )
    page.goto(page.base_url + "/guide/")
    box = page.get_by_role("combobox", name="Rechercher dans le guide")
    box.fill("reunion concert")
    suggestion = page.get_by_role("option", name="Réunion de concertation pluriprofessionnelle")
    expect(suggestion).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Escape")  # closes the suggestions, keeps what was typed
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("reunion concert")
    box.press_sequentially("a")
    expect(suggestion).to_be_visible()
    box.press("ArrowDown")
    expect(suggestion).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Réunion de concertation pluriprofessionnelle"
    )

    page.goto(page.base_url + "/guide/")
    box = page.get_by_role("combobox", name="Rechercher dans le guide")
    box.fill("coordonne")
    box.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_contain_text("1 page trouvée")
    expect(page.locator("mark", has_text="coordonné")).to_be_visible()
    page.get_by_role("link", name="Réunion de concertation pluriprofessionnelle").click()
    expect(page).to_have_url(page.base_url + "/guide/reunion-de-concertation-pluriprofessionnelle/")
