"""A coordinator writes a section of the health project, finds the new version
in the history and downloads the PDF."""

import pytest

from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_coordinator_edits_a_section_and_downloads_the_pdf(page, structure, coordinator):
    from playwright.sync_api import expect

    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes du littoral.", by=coordinator)

    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projet de santé")
    expect(page.get_by_text("Douze communes du littoral.")).to_be_visible()

    page.get_by_role("link", name="Modifier « 1.1 Territoire et population »").click()
    text = page.get_by_label("Texte de la section")
    expect(text).to_have_value("Douze communes du littoral.")
    text.fill("## Communes\n\nTreize communes du littoral, 21 000 habitants.")
    page.get_by_label("Commentaire de version (facultatif)").fill("Ajout de Pléneuf")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()

    expect(page.get_by_role("alert")).to_contain_text("enregistrée : version 2")
    expect(page.get_by_text("Treize communes du littoral, 21 000 habitants.")).to_be_visible()

    page.get_by_role("link", name="Historique des versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions du projet de santé")
    row = page.get_by_role("row").filter(has_text="Version 2")
    expect(row).to_contain_text("Ajout de Pléneuf")
    expect(row).to_contain_text(coordinator.display_name)

    page.get_by_role("button", name="Comparer les versions cochées").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Différences entre les versions 1 et 2"
    )
    # The edited line is shown word by word: "Douze" removed, "Treize" added.
    expect(page.locator(".diff del").filter(has_text="Douze")).to_have_count(1)
    expect(page.locator(".diff ins").filter(has_text="Treize")).to_have_count(1)

    page.goto(f"{page.base_url}/structures/{structure.pk}/projet-de-sante/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("projet-de-sante_esp-des-abers_v2_")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
