"""Browser journeys of the structures core: a visitor finds a recognised
structure through the map; a coordinator invites a colleague and staff record
the CARPEC's favourable opinion, which moves the stage on."""

import datetime

import pytest
from django.utils import timezone

from structures.enums import MembershipRole, Stage, StructureKind
from structures.models import CarpecSession, Structure
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e]


def _structure(name, kind, stage, siren):
    from gecolib.models import EPCI

    structure = Structure.objects.create(name=name, kind=kind, stage=stage)
    structure.epcis.set([EPCI.objects.get(siren=siren)])
    return structure


def test_visitor_uses_the_map(page):
    from playwright.sync_api import expect

    _structure("MSP du Léon", StructureKind.MSP, Stage.MSP_ACI, "242900314")
    _structure("ESP Penthièvre", StructureKind.ESP, Stage.ESP_RECOGNISED, "200069391")
    _structure("ESP en cours", StructureKind.ESP, Stage.ESP_WRITING, "242900314")
    page.goto(page.base_url + "/structures/")
    expect(page.get_by_role("link", name="Finistère (29)")).to_be_visible()
    page.get_by_role("link", name="Finistère (29)").click()
    expect(page.get_by_role("cell", name="MSP du Léon")).to_be_visible()
    expect(page.get_by_text("ESP Penthièvre")).to_have_count(0)
    expect(page.get_by_text("ESP en cours")).to_have_count(0)
    page.get_by_role("link", name="MSP du Léon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MSP du Léon")


def test_coordinator_invites_and_staff_record_the_carpec_opinion(page, browser):
    from playwright.sync_api import expect

    structure = _structure(
        "ESP du Penthièvre", StructureKind.ESP, Stage.ESP_VALIDATION, "200069391"
    )
    coordinator = UserFactory(email="coord@exemple.fr", gp=True, first_name="Erwan")
    structure.memberships.create(user=coordinator, role=MembershipRole.COORDINATOR)
    login(page, "coord@exemple.fr", PASSWORD)
    page.get_by_role("link", name="ESP du Penthièvre").click()
    expect(page.get_by_text("Équipe incomplète")).to_be_visible()
    page.get_by_role("link", name="Gérer les membres").click()
    page.get_by_label("Adresse e-mail").fill("kine@exemple.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation envoyée à kine@exemple.fr")).to_be_visible()
    expect(
        page.get_by_role("button", name="Annuler l'invitation de kine@exemple.fr")
    ).to_be_visible()

    session = CarpecSession.objects.create(date=timezone.localdate() - datetime.timedelta(days=2))
    structure.carpec_reviews.create(session=session, kind="validation")
    UserFactory(email="equipe@exemple.fr", staff=True)
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    staff_page = context.new_page()
    staff_page.base_url = page.base_url
    login(staff_page, "equipe@exemple.fr", PASSWORD)
    staff_page.goto(page.base_url + f"/structures/carpec/{session.pk}/")
    staff_page.get_by_label("Avis").select_option(label="Avis favorable")
    staff_page.get_by_role("button", name="Enregistrer l'avis").click()
    expect(staff_page.get_by_text("Avis enregistré pour l'ESP du Penthièvre")).to_be_visible()
    context.close()

    page.goto(page.base_url + f"/structures/{structure.pk}/")
    expect(page.locator(".badge", has_text="Étape : 6. Reconnaissance de l'ESP")).to_be_visible()
    expect(page.get_by_text("Avis favorable de la CARPEC")).to_be_visible()
