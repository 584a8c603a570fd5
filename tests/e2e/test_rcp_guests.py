"""An outside guest in the browser: the coordinator invites an SSIAD nurse
to one RCP from the meeting's page and sends the agenda; the nurse opens the
« Je serai là » link of the e-mail — no account — reads that meeting's
agenda, confirms, and can open nothing else: not another meeting, not the
meeting's own page, not a link forged for another meeting."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing

from protocols.rcp.enums import Answer
from protocols.rcp.models import Guest
from protocols.rcp.models.guests import GUEST_TOKEN_SALT
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory, StructureFactory
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory, in_days

pytestmark = [pytest.mark.e2e]

NURSE_EMAIL = "yann.kerherve@exemple.fr"


def test_an_outside_guest_answers_by_the_link_and_sees_that_meeting_only(page, browser):
    from playwright.sync_api import expect

    structure = StructureFactory(name="ESP du Mené")
    coordinator = MembershipFactory(
        structure=structure,
        coordinator=True,
        user__email="erwan@exemple.fr",
        user__first_name="Erwan",
        user__last_name="Le Bihan",
    ).user
    MembershipFactory(structure=structure, user__first_name="Anne", user__last_name="Guillou")
    meeting = MeetingFactory(
        structure=structure, title="RCP de rentrée", starts_at=in_days(12), created_by=coordinator
    )
    item = AgendaItemFactory(meeting=meeting, title="Homme de 67 ans, plaie du pied diabétique")
    other = MeetingFactory(structure=structure, title="RCP de décembre", starts_at=in_days(40))
    AgendaItemFactory(meeting=other, title="Adolescente de 15 ans, troubles alimentaires")

    # 1. The coordinator invites the SSIAD nurse from the meeting's page, then
    # sends the agenda.
    login(page, "erwan@exemple.fr", PASSWORD)
    page.goto(page.base_url + meeting.get_absolute_url())
    guests = page.get_by_role("region", name="Personnes invitées hors de l'équipe")
    guests.get_by_label("Prénom et nom").fill("Yann Kerhervé")
    guests.get_by_label("Profession").fill("Infirmier coordinateur")
    guests.get_by_label("Structure ou service").fill("SSIAD de Lamballe")
    guests.get_by_label("Adresse e-mail").fill(NURSE_EMAIL)
    guests.get_by_role("button", name="Inviter").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Yann Kerhervé figure parmi les personnes invitées"
    )
    guests = page.get_by_role("region", name="Personnes invitées hors de l'équipe")
    expect(guests).to_contain_text("SSIAD de Lamballe")
    page.get_by_role("button", name="Envoyer l'ordre du jour").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "envoyés à 2 membres et à 1 personne invitée hors de l'équipe"
    )

    # 2. The nurse's e-mail: their own three links; « Je serai là » opens,
    # without signing in, that meeting and its agenda, the answer checked.
    (message,) = [m for m in mail.outbox if m.to == [NURSE_EMAIL]]
    links = dict(re.findall(r"^- (.+?) : (https?://\S+)$", message.body, flags=re.MULTILINE))
    assert list(links) == ["Je serai là", "Je ne pourrai pas venir", "Peut-être"]
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    nurse = context.new_page()
    present = urlsplit(links["Je serai là"])
    nurse.goto(f"{page.base_url}{present.path}?{present.query}")
    expect(nurse.get_by_role("heading", level=1)).to_contain_text("Invitation à la RCP du")
    agenda = nurse.get_by_role("region", name="Ordre du jour")
    expect(agenda).to_contain_text(f"{item.case_label} – {item.title}")
    expect(nurse.get_by_label("Je serai là")).to_be_checked()
    guest = Guest.objects.get()
    assert guest.answer == Answer.NONE  # opening the link records nothing
    nurse.get_by_role("button", name="Confirmer ma réponse").click()
    expect(nurse.get_by_role("alert")).to_contain_text("vous serez là")
    guest.refresh_from_db()
    assert guest.answer == Answer.PRESENT
    expect(nurse.get_by_text("Adolescente de 15 ans")).to_have_count(0)

    # 3. Nothing else opens: the other meeting and this one's page ask to sign
    # in; a link forged for the other meeting is a 404.
    for url in (other.get_absolute_url(), meeting.get_absolute_url()):
        nurse.goto(page.base_url + url)
        expect(nurse).to_have_url(re.compile(r"/(comptes|accounts)/"))
        expect(nurse.get_by_text("troubles alimentaires")).to_have_count(0)
    forged = signing.dumps([guest.pk, other.pk], salt=GUEST_TOKEN_SALT)
    response = nurse.goto(f"{page.base_url}{present.path.rsplit('/', 2)[0]}/{forged}/")
    assert response.status == 404
    expect(nurse.get_by_text("troubles alimentaires")).to_have_count(0)
    context.close()

    # 4. The coordinator sees the answer on the meeting's page.
    page.goto(page.base_url + meeting.get_absolute_url())
    guests = page.get_by_role("region", name="Personnes invitées hors de l'équipe")
    expect(guests).to_contain_text("Réponse : Sera là")
