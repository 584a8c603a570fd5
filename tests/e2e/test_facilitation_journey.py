"""A request's whole journey in the browser: a professional asks for help,
staff accept it and form the binôme, the facilitator logs a session with a
follow-up, and the professional — now member of the created structure — reads
the shared summary but never the private note."""

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, accept_charter

pytestmark = [pytest.mark.e2e]

SHARED = "Nous avons choisi trois priorités pour le projet de santé."
PRIVATE = "Le groupe reste fragile, à suivre de près."


def _page_for(browser, base_url, email):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = base_url
    login(page, email, PASSWORD)
    return context, page


def test_request_to_shared_summary(page, browser):
    from playwright.sync_api import expect

    UserFactory(email="equipe@exemple.fr", staff=True, first_name="Claire", last_name="Le Gall")
    facilitator = UserFactory(
        email="yann@exemple.fr", facilitator=True, first_name="Yann", last_name="Kerhervé"
    )
    officer = UserFactory(
        email="maelle@exemple.fr", project_officer=True, first_name="Maëlle", last_name="Tanguy"
    )
    accept_charter(facilitator)
    accept_charter(officer)
    UserFactory(email="erwan@exemple.fr", first_name="Erwan", last_name="Le Bihan", gp=True)

    # 1. The professional submits a request, choosing the territory with the keyboard.
    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + "/facilitations/nouvelle/")
    page.get_by_label("Ou le nom du nouveau projet").fill("ESP du Mené")
    territory = page.get_by_role("combobox", name="Territoire (EPCI)")
    territory.fill("lamballe")
    expect(page.get_by_role("option", name="CA Lamballe Terre et Mer (22)")).to_be_visible()
    territory.press("ArrowDown")
    territory.press("Enter")
    expect(territory).to_have_value("CA Lamballe Terre et Mer (22)")
    page.get_by_label("Créer une ESP").check()
    page.get_by_label("Décrivez votre projet et votre équipe").fill(
        "Deux médecins, trois infirmières et un kiné veulent travailler ensemble."
    )
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ESP du Mené")
    expect(page.get_by_role("alert")).to_contain_text("Votre demande est déposée")

    # 2. Staff accept it, creating the structure and forming the binôme.
    staff_context, staff_page = _page_for(browser, page.base_url, "equipe@exemple.fr")
    staff_page.goto(page.base_url + "/facilitations/triage/")
    staff_page.get_by_role("link", name="ESP du Mené").click()
    staff_page.get_by_role("link", name="Accepter et former le binôme").click()
    expect(staff_page.get_by_label("Type de la structure à créer")).to_have_value("esp")
    # Each facilitator is shown with their department and workload.
    staff_page.get_by_label("Facilitateur professionnel de santé").select_option(
        label="Yann Kerhervé — département non renseigné — aucune facilitation en cours"
    )
    staff_page.get_by_label("Chargé de mission").select_option(
        label="Maëlle Tanguy — département non renseigné — aucune facilitation en cours"
    )
    staff_page.get_by_role("button", name="Accepter et ouvrir la facilitation").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Facilitation : ESP du Mené")
    staff_context.close()

    # 3. The facilitator logs a session with a follow-up, from the workspace.
    fac_context, fac_page = _page_for(browser, page.base_url, "yann@exemple.fr")
    fac_page.goto(page.base_url + "/facilitations/")
    fac_page.get_by_role("link", name="Consigner une séance — ESP du Mené").click()
    expect(fac_page.get_by_label("Durée (minutes)")).to_have_value("120")
    fac_page.get_by_label("Animation de groupe").check()
    fac_page.get_by_label("Médecin", exact=True).fill("2")
    fac_page.get_by_label("Infirmier", exact=True).fill("3")
    fac_page.get_by_label("Synthèse partagée avec l'équipe").fill(SHARED)
    fac_page.get_by_label("Notes privées du binôme").fill(PRIVATE)
    fac_page.get_by_role("button", name="Ajouter une action").click()
    fac_page.locator("#id_suivi-0-title").fill("Envoyer la liste des membres de l'équipe")
    fac_page.locator("#id_suivi-0-assignee").select_option(label="Erwan Le Bihan")
    fac_page.locator("#id_suivi-0-due_date").fill("2030-01-15")
    fac_page.get_by_role("button", name="Enregistrer la séance").click()
    expect(fac_page.get_by_role("alert")).to_contain_text("enregistrée")
    expect(fac_page.get_by_text(PRIVATE)).to_be_visible()
    fac_context.close()

    # 4. The professional follows it and sees the shared part only.
    page.goto(page.base_url + "/facilitations/demandes/")
    page.get_by_role("link", name="ESP du Mené").click()
    expect(page.get_by_text("Yann Kerhervé")).to_be_visible()
    page.get_by_role("link", name="Suivre la facilitation").click()
    expect(page.get_by_text(SHARED)).to_be_visible()
    follow_up = page.locator("li", has_text="Envoyer la liste des membres de l'équipe")
    expect(follow_up).to_contain_text("À faire")
    assert PRIVATE not in page.content()
    # the follow-up given to them can be marked done from the page (htmx)
    follow_up.get_by_role("button", name="Marquer comme faite").click()
    expect(follow_up.get_by_role("button", name="Rouvrir")).to_be_visible()
    expect(follow_up).to_contain_text("Fait")
