"""A team's self-assessment in the browser: the coordinator opens a campaign
from the structure's page, three members answer from their « À faire »
list (one on a phone), the coordinator closes it, records the team's levels
and two actions of the improvement plan, and the report's PDF carries the
table of each axis's chart."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Action, Answer, Campaign, Consensus
from tests.assessments.factories import dimensions, starter_grid
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory, StructureFactory

pytestmark = [pytest.mark.e2e]

PHONE = {"width": 375, "height": 812}
MEMBERS = [
    ("infirmiere@exemple.fr", "Gwenaëlle", "Le Floch", 3),
    ("kine@exemple.fr", "Yann", "Morvan", 2),
    ("pharmacienne@exemple.fr", "Soizic", "Riou", 3),
]
LEVEL_LABELS = {2: "Premiers pas", 3: "Pratique installée"}


def _answer(page, level: int) -> None:
    todos = page.get_by_role("region", name=re.compile("^À faire"))
    todos.get_by_role("link", name=re.compile("Répondre à l'autoévaluation")).click()
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label(LEVEL_LABELS[level], exact=True).check()
    page.locator("fieldset").first.get_by_label("Commentaire (facultatif)").fill(
        "Les décisions sont peu relues."
    )
    page.get_by_role("button", name="Terminer").click()
    page.get_by_text("Merci : vos réponses sont enregistrées.").wait_for()


def test_a_team_assesses_itself_and_writes_its_plan(page, browser):
    from playwright.sync_api import expect

    grid = starter_grid()
    structure = StructureFactory(name="ESP du Mené")
    MembershipFactory(
        structure=structure,
        coordinator=True,
        user__email="erwan@exemple.fr",
        user__first_name="Erwan",
        user__last_name="Le Bihan",
    )
    for email, first, last, _level in MEMBERS:
        MembershipFactory(
            structure=structure, user__email=email, user__first_name=first, user__last_name=last
        )

    # 1. The coordinator opens a campaign from the structure's page.
    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + reverse("structures:detail", args=[structure.pk]))
    page.get_by_role("link", name="Ouvrir une autoévaluation").click()
    expect(page.get_by_label("Grille")).to_have_value(str(grid.pk))
    page.get_by_role("button", name="Ouvrir et inviter les membres").click()
    expect(page.get_by_role("alert")).to_contain_text("4 membres invités")
    campaign = Campaign.objects.get()

    # 2. Three members answer, one of them on a phone.
    for index, (email, _first, _last, level) in enumerate(MEMBERS):
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        member_page = context.new_page()
        member_page.base_url = page.base_url
        if index == 1:
            member_page.set_viewport_size(PHONE)
        login(member_page, email, PASSWORD)
        _answer(member_page, level)
        context.close()
    assert Answer.objects.filter(level__isnull=False).count() == 3 * len(dimensions(grid))
    assert campaign.participants.filter(submitted_at__isnull=False).count() == 3

    # 3. The coordinator closes the campaign: the synthesis appears, without names.
    page.goto(page.base_url + campaign.get_absolute_url())
    page.get_by_role("link", name="Clore maintenant").click()
    page.get_by_role("dialog").get_by_role("button", name="Clore la campagne").click()
    expect(page.get_by_role("alert")).to_contain_text("la synthèse est prête")
    synthesis = page.locator("#tableau-axe-1")
    expect(synthesis).to_contain_text("Réunion de concertation pluriprofessionnelle")
    expect(page.locator("main")).not_to_contain_text("Les décisions sont peu relues.")
    expect(page.locator("main")).not_to_contain_text("Morvan")

    # 4. The team's levels, recorded in an RCP.
    page.get_by_role("link", name="Retenir les niveaux en équipe").click()
    page.get_by_label("Réunion de synthèse", exact=True).fill("RCP amélioration des pratiques")
    first, second = page.locator("fieldset:has(select)").all()[:2]
    first.get_by_label("Niveau retenu").select_option(label="3. Pratique installée")
    first.get_by_label("Note de synthèse").fill("RCP régulières, décisions à mieux suivre.")
    second.get_by_label("Niveau retenu").select_option(label="2. Premiers pas")
    page.get_by_role("button", name="Enregistrer la synthèse").click()
    expect(page.get_by_role("alert")).to_contain_text("Synthèse de l'équipe enregistrée")
    assert Consensus.objects.filter(campaign=campaign, level__isnull=False).count() == 2

    # 5. Two actions of the improvement plan.
    for title, dimension, owner in [
        (
            "Relire les décisions ouvertes en début de RCP",
            "Réunion de concertation pluriprofessionnelle",
            "Yann Morvan",
        ),
        (
            "Mettre en application le protocole chutes",
            "Protocoles pluriprofessionnels",
            "Soizic Riou",
        ),
    ]:
        page.get_by_role("link", name="Ajouter une action").click()
        page.get_by_label("Dimension").select_option(label=dimension)
        page.get_by_label("Action").fill(title)
        page.get_by_label("Responsable").select_option(label=owner)
        page.get_by_label("Échéance").fill("2027-03-31")
        page.get_by_label("Moyens").fill("Une demi-journée de travail en équipe")
        page.get_by_role("button", name="Ajouter l'action").click()
        expect(page.get_by_role("alert")).to_contain_text("ajoutée au plan")
    assert Action.objects.filter(campaign=campaign).count() == 2
    plan = page.get_by_role("region", name="Plan d'amélioration")
    expect(plan).to_contain_text("Mettre en application")

    # 6. The report: the chart's table, and the plan.
    href = page.get_by_role("link", name="Rapport PDF").get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    flat = " ".join(text.split())
    assert "répartition des réponses et niveaux retenus" in flat
    assert "Réunion de concertation pluriprofessionnelle" in flat
    assert "Relire les décisions ouvertes en début de RCP" in flat
    assert "Les décisions sont peu relues" not in flat
