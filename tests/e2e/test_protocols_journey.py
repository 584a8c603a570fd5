"""A coordinator writes a coordination protocol with three steps (adding rows
and moving one up in the steps table), validates it with the team and
downloads the PDF whose first page is the fiche de poche."""

import io

import pytest
from pypdf import PdfReader

from protocols.coordination.models import Protocol
from tests.e2e.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_coordinator_writes_validates_and_downloads_a_protocol(page, structure, coordinator):
    from playwright.sync_api import expect

    login(page, coordinator.email, PASSWORD)
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Protocoles"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protocoles de coordination")
    page.get_by_role("link", name=f"Écrire un protocole ({structure.name})").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Écrire un protocole")

    page.get_by_role("textbox", name="Titre").fill("Suivi des patients sous AVK")
    page.get_by_role("combobox", name="Thème").select_option(
        label="Suivi des traitements anticoagulants"
    )
    page.locator("#id_problem").fill("Des INR mal suivis après une sortie d'hospitalisation.")

    page.locator("#id_steps-0-who").fill("Médecin traitant")
    page.locator("#id_steps-0-what").fill("Prescrit et fixe la cible d'INR")
    page.get_by_role("button", name="Ajouter une étape").click()
    page.locator("#id_steps-1-who").fill("Infirmier")
    page.locator("#id_steps-1-what").fill("Prélève l'INR")
    page.get_by_role("button", name="Ajouter une étape").click()
    page.locator("#id_steps-2-who").fill("Pharmacien")
    page.locator("#id_steps-2-what").fill("Explique le traitement")
    # The pharmacist comes before the nurse: move the last row up once.
    page.locator("[data-formset-row]").nth(2).get_by_role("button", name="Monter").click()
    expect(page.locator("#id_steps-2-ORDER")).to_have_value("2")
    page.get_by_role("button", name="Enregistrer le protocole").click()

    expect(page.get_by_role("alert").first).to_contain_text("Le protocole a été créé.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi des patients sous AVK")
    protocol = Protocol.objects.get()
    assert [s.who for s in protocol.steps.all()] == ["Médecin traitant", "Pharmacien", "Infirmier"]

    page.get_by_role("link", name="Enregistrer la validation par l'équipe").click()
    page.get_by_label(coordinator.display_name, exact=False).check()
    page.get_by_role("button", name="Enregistrer la validation").click()
    expect(page.get_by_role("alert").first).to_contain_text("validé par l'équipe")
    expect(page.get_by_text("Validé par l'équipe", exact=True).first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name="Télécharger le PDF (fiche de poche et protocole complet)"
        ).click()
    download = download_info.value
    assert download.suggested_filename.startswith("protocole_suivi-des-patients-sous-avk_")
    with open(download.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    first = reader.pages[0].extract_text()
    assert "Fiche de poche" in first
    assert first.index("Pharmacien") < first.index("Infirmier")
