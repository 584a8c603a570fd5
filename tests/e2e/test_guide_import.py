"""Staff import a Markdown page, then the same file revised: the second import
updates the page (a new version, the default choice) instead of making a
second page, and the report says so."""

import pytest

from guide.models import Page
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e]


def test_importing_the_same_file_again_updates_the_page(page, tmp_path, settings):
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    staff = UserFactory(email="import@exemple.fr", staff=True, first_name="Inès")
    source = tmp_path / "fiche-rcp.md"
    source.write_text(
        "---\ntitle: Organiser une RCP\n---\n\n# Organiser une RCP\n\nPremier texte.\n"
    )

    login(page, staff.email, PASSWORD)
    page.goto(page.base_url + "/guide/importer/")
    expect(page.get_by_label("mettre à jour la page existante (nouvelle version)")).to_be_checked()
    page.get_by_label("Fichiers à importer").set_input_files(str(source))
    page.get_by_role("button", name="Importer", exact=True).click()
    report = page.locator("#rapport-import").locator("..")
    expect(report).to_contain_text("Organiser une RCP")
    expect(report).to_contain_text("nouvelle page")
    imported = Page.objects.get(title="Organiser une RCP")
    assert imported.latest_revision.content["body"] == "Premier texte.\n"

    source.write_text("---\ntitle: Organiser une RCP\n---\n\n# Organiser une RCP\n\nTexte revu.\n")
    page.get_by_label("Fichiers à importer").set_input_files(str(source))
    page.get_by_role("button", name="Importer", exact=True).click()
    report = page.locator("#rapport-import").locator("..")
    expect(report).to_contain_text("mise à jour")
    expect(report).to_contain_text("Page existante mise à jour : version 2")
    assert Page.objects.filter(title__startswith="Organiser une RCP").count() == 1
    imported.refresh_from_db()
    assert imported.revisions.count() == 2
    assert imported.latest_revision.content["body"] == "Texte revu.\n"

    report.get_by_role("link", name="Organiser une RCP").click()
    expect(page.locator("#id_body")).to_have_value("Texte revu.\n")
