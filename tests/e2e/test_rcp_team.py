"""The team prepares an RCP in the browser: a member proposes a case, the
coordinator finds it on the dashboard and accepts it (it joins the agenda
with its pseudonymous label), sends the agenda, and the member answers
« je ne pourrai pas venir » through the e-mail's link — the page it opens
records nothing until its one button is pressed. Then, once an RCP took
place, its decisions are typed in the minutes' page itself (htmx)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from protocols.rcp.enums import Answer, ItemStatus
from protocols.rcp.models import AgendaItem, Decision, Invitee
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory, StructureFactory
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory, in_days

pytestmark = [pytest.mark.e2e]


def test_a_member_proposes_a_case_then_answers_excused_by_the_link(page, browser):
    from playwright.sync_api import expect

    structure = StructureFactory(name="ESP du Mené")
    coordinator = MembershipFactory(
        structure=structure,
        coordinator=True,
        user__email="erwan@exemple.fr",
        user__first_name="Erwan",
        user__last_name="Le Bihan",
    ).user
    MembershipFactory(
        structure=structure,
        user__email="anne@exemple.fr",
        user__first_name="Anne",
        user__last_name="Guillou",
    )
    meeting = MeetingFactory(
        structure=structure, title="RCP de rentrée", starts_at=in_days(12), created_by=coordinator
    )

    # 1. Anne proposes a case from the meeting's page.
    login(page, "anne@exemple.fr", PASSWORD)
    page.goto(page.base_url + meeting.get_absolute_url())
    page.get_by_role("link", name="Proposer un point").click()
    page.get_by_label("Type de point").select_option(label="Cas patient (pseudonymisé)")
    page.get_by_label("Titre").fill("Homme de 58 ans, lombalgie chronique")
    page.get_by_label("Situation présentée").fill("Arrêt de travail depuis huit mois.")
    page.get_by_role("button", name="Proposer").click()
    expect(page.get_by_role("alert")).to_contain_text("Votre proposition est transmise")
    mine = page.get_by_role("region", name="Mes propositions")
    expect(mine).to_contain_text("Homme de 58 ans, lombalgie chronique")
    expect(mine).to_contain_text("Proposé")
    assert AgendaItem.objects.get().status == ItemStatus.PROPOSED

    # 2. Erwan finds it on his dashboard, accepts it, sends the agenda.
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    organiser = context.new_page()
    organiser.base_url = page.base_url
    login(organiser, "erwan@exemple.fr", PASSWORD)
    todos = organiser.get_by_role("region", name=re.compile("^À faire"))
    todos.get_by_role(
        "link", name=re.compile("Examiner le point proposé « Homme de 58 ans, lombalgie chronique")
    ).click()
    proposals = organiser.get_by_role("region", name="Points proposés à examiner")
    proposals.get_by_role("button", name="Accepter").click()
    year = meeting.date.year
    expect(organiser.get_by_role("alert")).to_contain_text(f"CAS-{year}-001")
    agenda = organiser.get_by_role("region", name="Ordre du jour")
    expect(agenda).to_contain_text(f"CAS-{year}-001 – Homme de 58 ans, lombalgie chronique")
    organiser.get_by_role("button", name="Envoyer l'ordre du jour").click()
    expect(organiser.get_by_role("alert")).to_contain_text("envoyés à 2 membres")
    context.close()

    # 3. Anne's e-mail: three links; « Je ne pourrai pas venir » opens a page
    # that asks to confirm — opening it records nothing.
    (message,) = [m for m in mail.outbox if m.to == ["anne@exemple.fr"]]
    links = dict(re.findall(r"^- (.+?) : (https?://\S+)$", message.body, flags=re.MULTILINE))
    assert list(links) == ["Je serai là", "Je ne pourrai pas venir", "Peut-être"]
    excused = urlsplit(links["Je ne pourrai pas venir"])
    page.goto(f"{page.base_url}{excused.path}?{excused.query}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invitation à la RCP du")
    expect(page.get_by_label("Je ne pourrai pas venir")).to_be_checked()
    invitee = Invitee.objects.get(meeting=meeting, user__email="anne@exemple.fr")
    assert invitee.answer == Answer.NONE
    page.get_by_role("button", name="Confirmer ma réponse").click()
    expect(page.get_by_role("alert")).to_contain_text("votre absence est excusée")
    invitee.refresh_from_db()
    assert invitee.answer == Answer.EXCUSED
    assert invitee.answered_at <= timezone.now() + datetime.timedelta(seconds=1)


def test_decisions_are_typed_in_the_minutes_page(page):
    """htmx adds a row's decision in place: the summary typed meanwhile stays
    in its field (not saved until « Enregistrer »)."""
    from playwright.sync_api import expect

    structure = StructureFactory(name="ESP du Mené")
    coordinator = MembershipFactory(
        structure=structure, coordinator=True, user__email="erwan@exemple.fr"
    ).user
    MembershipFactory(structure=structure, user__first_name="Anne", user__last_name="Guillou")
    meeting = MeetingFactory(structure=structure, past=True, created_by=coordinator)
    item = AgendaItemFactory(meeting=meeting, title="Patiente de 84 ans, chutes répétées")

    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + meeting.get_absolute_url())
    page.get_by_role("link", name="Rédiger le compte rendu").click()
    summary = page.get_by_label(f"Synthèse : 1. {item.case_label}")
    summary.fill("Évaluation du domicile proposée.")
    row = page.locator(f"#decisions-{item.pk}")
    row.get_by_label("Décision").fill("Demander une évaluation ergothérapique")
    row.get_by_label("Responsable").select_option(label="Anne Guillou")
    row.get_by_label("Échéance").fill((timezone.localdate() + datetime.timedelta(14)).isoformat())
    url = page.url
    row.get_by_role("button", name="Ajouter la décision").click()
    expect(row.get_by_role("status")).to_have_text("La décision a été ajoutée.")
    expect(row.get_by_role("listitem")).to_contain_text("Demander une évaluation ergothérapique")
    expect(row.get_by_label("Décision")).to_have_value("")
    assert page.url == url  # no reload: the summary typed is still there
    expect(summary).to_have_value("Évaluation du domicile proposée.")
    decision = Decision.objects.get()
    assert decision.item == item and decision.owner.last_name == "Guillou"
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("Le compte rendu a été enregistré")
    item.refresh_from_db()
    assert item.summary == "Évaluation du domicile proposée."
    assert Decision.objects.count() == 1
