"""What professionals think of a facilitation, in the browser: the
facilitator closes it; the requester and the two members who attended a
session each receive the questionnaire's link; they answer without signing
in — one on a phone —, a second answer through the same link is refused;
the facilitator sees the results only from the third answer."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from facilitations.models import FeedbackAnswer, HelpType
from tests.e2e.conftest import login
from tests.facilitations.factories import FacilitationRequestFactory, SessionFactory
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    FacilitationFactory,
    UserFactory,
    accept_charter,
)

pytestmark = [pytest.mark.e2e]

PHONE = {"width": 375, "height": 812}


def questionnaire_link(email: str, base_url: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email] and "Votre avis" in m.subject]
    url = re.search(r"https?://\S+/facilitations/avis/\S+/", message.body).group(0)
    return base_url + urlsplit(url).path


def answer(page, *, satisfaction: str, recommend: str, comment: str = "") -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre avis sur la facilitation")
    page.get_by_label(satisfaction).check()
    page.get_by_role("group", name="aides").get_by_role("checkbox").first.check()
    page.get_by_role("group", name="à l'écoute").get_by_label("Oui").check()
    page.get_by_role("group", name="neutres").get_by_label("En partie").check()
    page.get_by_role("group", name="Recommanderiez-vous").get_by_label(
        recommend, exact=True
    ).check()
    if comment:
        page.get_by_label("Un commentaire, une suggestion ?").fill(comment)
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci de votre réponse")


def test_the_questionnaire_of_a_closed_facilitation(
    page, browser, structure, professional, member, coordinator
):
    from playwright.sync_api import expect

    facilitator = UserFactory(email="yann@exemple.fr", facilitator=True)
    accept_charter(facilitator)
    facilitation = FacilitationFactory(structure=structure)
    AssignmentFactory(facilitation=facilitation, user=facilitator)
    facilitation.request = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.save()
    session = SessionFactory(facilitation=facilitation)
    session.attendees.set([member, coordinator])
    session.help_given.set(HelpType.objects.order_by("position")[:3])

    # 1. The facilitator closes the facilitation; the confirmation says who
    # will receive the questionnaire.
    login(page, facilitator.email, PASSWORD)
    page.goto(f"{page.base_url}/facilitations/{facilitation.pk}/cloturer/")
    page.get_by_label("Terminer la facilitation").check()
    page.get_by_label("Résultat").select_option(label="Projet de santé validé")
    page.get_by_label("Bilan de clôture").fill("Le projet de santé est validé par l'ARS.")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("recevront un court questionnaire anonyme")).to_be_visible()
    page.get_by_role("button", name="Confirmer la clôture").click()
    expect(page.get_by_role("alert")).to_contain_text("Terminée")
    results = page.get_by_role("link", name="Avis des professionnels")

    # 2. The requester answers from the e-mail's link, without signing in.
    contexts = [browser.new_context(locale="fr-FR", timezone_id="Europe/Paris") for _ in range(2)]
    phone_context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport=PHONE, is_mobile=True
    )
    requester = contexts[0].new_page()
    requester_link = questionnaire_link(professional.email, page.base_url)
    # The same link opened twice, before the answer: the second tab will try again.
    second_tab = requester.context.new_page()
    second_tab.goto(requester_link)
    requester.goto(requester_link)
    answer(requester, satisfaction="5 – Très satisfait", recommend="10", comment="Merci !")
    second_tab.get_by_label("1 – Pas du tout satisfait").check()
    second_tab.get_by_role("group", name="à l'écoute").get_by_label("Non").check()
    second_tab.get_by_role("group", name="neutres").get_by_label("Non").check()
    second_tab.get_by_role("group", name="Recommanderiez-vous").get_by_label(
        "0", exact=True
    ).check()
    second_tab.get_by_role("button", name="Envoyer ma réponse").click()
    expect(second_tab.get_by_role("heading", level=1)).to_have_text("Réponse déjà enregistrée")
    expect(second_tab.get_by_role("alert")).to_contain_text("Vous avez déjà répondu")
    assert FeedbackAnswer.objects.count() == 1

    # 3. The facilitator sees nothing yet: one answer.
    results.click()
    expect(page.get_by_role("main")).to_contain_text("à partir de 3 réponses")
    expect(page.get_by_role("main")).not_to_contain_text("Satisfaction moyenne")

    # 4. A member answers on a phone, the coordinator on a computer.
    phone = phone_context.new_page()
    phone.goto(questionnaire_link(member.email, page.base_url))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"la page déborde sur un téléphone ({width} px)"
    answer(phone, satisfaction="4 – Satisfait", recommend="8")
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("à partir de 3 réponses")

    coordinator_page = contexts[1].new_page()
    coordinator_page.goto(questionnaire_link(coordinator.email, page.base_url))
    answer(coordinator_page, satisfaction="3 – Moyennement satisfait", recommend="6")

    # 5. Three answers: the facilitator sees their synthesis, no answer alone.
    page.reload()
    main = page.get_by_role("main")
    expect(main).to_contain_text("3 réponse(s) pour 3 questionnaires envoyés")
    expect(main).to_contain_text("4,0 sur 5")
    expect(main).not_to_contain_text("Merci !")
    assert FeedbackAnswer.objects.count() == 3
    for context in [*contexts, phone_context]:
        context.close()
