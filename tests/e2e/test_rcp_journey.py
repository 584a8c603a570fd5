"""An RCP in the browser: the coordinator schedules it, adds a case (a social
security number is refused), sends the agenda, then — once it took place —
writes the minutes with a decision; the decision's owner finds it on their
dashboard and marks it done."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from protocols.rcp.models import Decision, Meeting
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory, StructureFactory

pytestmark = [pytest.mark.e2e]

NIR = "1 84 12 76 451 089 46"


def test_rcp_from_agenda_to_decision_done(page, browser):
    from playwright.sync_api import expect

    structure = StructureFactory(name="ESP du Mené")
    MembershipFactory(
        structure=structure,
        coordinator=True,
        user__email="erwan@exemple.fr",
        user__first_name="Erwan",
        user__last_name="Le Bihan",
        user__gp=True,
    )
    MembershipFactory(
        structure=structure,
        user__email="anne@exemple.fr",
        user__first_name="Anne",
        user__last_name="Guillou",
    )

    # 1. The coordinator schedules an RCP from the structure's RCP page.
    login(page, "erwan@exemple.fr", PASSWORD)
    page.get_by_role("link", name="Protocoles", exact=True).click()
    page.get_by_role("navigation", name="Outils de coordination").get_by_role(
        "link", name="RCP"
    ).click()
    page.get_by_role("link", name="ESP du Mené").click()
    page.get_by_role("link", name="Programmer une RCP").click()
    page.get_by_label("Intitulé").fill("RCP de rentrée")
    page.get_by_label("Objet").select_option(label="Situations complexes")
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Heure de début").fill("12:30")
    page.get_by_label("Modalité").select_option(label="En présentiel")
    page.get_by_label("Lieu").fill("Maison de santé, salle 2")
    page.get_by_role("button", name="Programmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RCP de rentrée")

    # 2. A case whose description holds a NIR is refused, saying why.
    page.get_by_role("link", name="Ajouter un point").click()
    page.get_by_label("Type de point").select_option(label="Cas patient (pseudonymisé)")
    page.get_by_label("Titre").fill("Patiente de 84 ans, chutes répétées")
    page.get_by_label("Situation présentée").fill(f"Patiente {NIR}, vit seule.")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("un numéro de sécurité sociale").first).to_be_visible()
    page.get_by_label("Situation présentée").fill("Vit seule, trois chutes en deux mois.")
    page.get_by_role("button", name="Ajouter").click()
    year = day.year
    expect(page.get_by_role("alert")).to_contain_text(f"CAS-{year}-001")

    # 3. The agenda goes to the invited members, with the invitation.
    page.get_by_role("button", name="Envoyer l'ordre du jour").click()
    expect(page.get_by_role("alert")).to_contain_text("envoyés à 2 membres")
    assert {m.to[0] for m in mail.outbox} == {"erwan@exemple.fr", "anne@exemple.fr"}

    # 4. The RCP takes place (time passes); the coordinator writes the minutes.
    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    page.reload()
    page.get_by_role("link", name="Rédiger le compte rendu").click()
    page.get_by_label(f"Synthèse : 1. CAS-{year}-001").fill("Évaluation du domicile proposée.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Ajouter une décision").click()
    page.get_by_label("Décision").fill("Demander une évaluation ergothérapique")
    page.get_by_label("Responsable").select_option(label="Anne Guillou")
    page.get_by_label("Échéance").fill((timezone.localdate() + datetime.timedelta(14)).isoformat())
    page.get_by_role("button", name="Ajouter la décision").click()
    expect(page.get_by_role("alert")).to_contain_text("La décision a été ajoutée")
    page.get_by_role("button", name="Valider et envoyer le compte rendu…").click()
    dialog = page.get_by_role("dialog", name="Valider et envoyer le compte rendu ?")
    expect(dialog).to_contain_text("Le compte rendu sera figé")
    dialog.get_by_role("button", name="Valider et envoyer le compte rendu", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Le compte rendu est validé")

    # 5. The owner finds the decision on her dashboard and marks it done.
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    owner = context.new_page()
    owner.base_url = page.base_url
    login(owner, "anne@exemple.fr", PASSWORD)
    todos = owner.get_by_role("region", name=re.compile("^À faire"))
    todos.get_by_role("link", name=re.compile("Demander une évaluation ergothérapique")).click()
    decision = Decision.objects.get()
    row = owner.locator(f"#decision-{decision.pk}")
    row.get_by_label("Commentaire").fill("Visite faite avec l'ergothérapeute")
    row.get_by_role("button", name=re.compile("^Marquer réalisée")).click()
    expect(row).to_contain_text("Réalisée")
    decision.refresh_from_db()
    assert decision.status == "realisee"
    assert decision.closing_comment == "Visite faite avec l'ergothérapeute"
    context.close()
