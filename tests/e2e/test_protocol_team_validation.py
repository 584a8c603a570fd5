"""The coordinator asks three members of the team to validate a protocol
(« Demander la validation » on the protocol's page); each one signs in,
finds the request on the dashboard (the first one through the link of the
e-mail) and answers « D'accord »; after the third agreement the protocol is
« validé par l'équipe » and its page shows who agreed and when."""

from urllib.parse import urlparse

import pytest
from django.core import mail

from gecolib.models import Profession
from protocols.coordination.enums import ProtocolStatus, RoundStatus, ValidationMethod
from protocols.coordination.models import Protocol, ValidationRound
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory
from tests.protocols.coordination.factories import protocol_with_steps

pytestmark = [pytest.mark.e2e]


def _as(browser, live_server, user):
    """A browser window of its own, signed in as `user`."""
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(15_000)
    window = context.new_page()
    window.base_url = live_server.url
    login(window, user.email, PASSWORD)
    return context, window


def test_three_members_agree_and_the_protocol_is_validated_by_the_team(
    page, browser, live_server, structure, coordinator
):
    from playwright.sync_api import expect

    nurse = Profession.objects.get(code="60")
    members = [
        MembershipFactory(
            structure=structure,
            user__email=f"membre{n}@exemple.fr",
            user__first_name=first,
            user__last_name=last,
            user__profession=nurse,
        ).user
        for n, (first, last) in enumerate(
            [("Anne", "Guillou"), ("Loïc", "Morvan"), ("Katell", "Jaouen")], start=1
        )
    ]
    protocol = protocol_with_steps(2, structure=structure, title="Plaies chroniques")
    protocol.professions.set([nurse])
    protocol.save_revision(by=coordinator, comment="Création")

    # The coordinator asks the members of the protocol's professions (ticked in advance).
    login(page, coordinator.email, PASSWORD)
    page.goto(page.base_url + protocol.get_absolute_url())
    page.get_by_text("Demander la validation à l'équipe").click()
    for member in members:
        box = page.get_by_role("checkbox", name=f"{member.display_name} ({nurse.name})", exact=True)
        expect(box).to_be_checked()
    label = f"{coordinator.display_name} ({coordinator.profession.name})"
    expect(page.get_by_role("checkbox", name=label, exact=True)).not_to_be_checked()
    page.get_by_label("Message aux membres (facultatif)").fill("Version de la dernière réunion.")
    page.get_by_role("button", name="Demander la validation", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "La demande de validation est envoyée à 3 membres."
    )
    expect(page.get_by_text("Demande de validation en cours")).to_be_visible()
    validation_round = ValidationRound.objects.get(protocol=protocol)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)

    for index, member in enumerate(members):
        context, window = _as(browser, live_server, member)
        try:
            if index == 0:
                # The link of the e-mail, on the test server.
                [message] = [m for m in mail.outbox if m.to == [member.email]]
                link = next(line for line in message.body.splitlines() if "/avis/" in line)
                window.goto(window.base_url + urlparse(link.strip()).path)
            else:
                window.get_by_role(
                    "link", name="Donner votre avis sur le protocole « Plaies chroniques »"
                ).click()
            expect(window.get_by_role("heading", level=1)).to_have_text(
                "Votre avis sur « Plaies chroniques »"
            )
            expect(window.get_by_text("Version de la dernière réunion.")).to_be_visible()
            window.get_by_label("D'accord", exact=True).check()
            window.get_by_role("button", name="Enregistrer mon avis").click()
            alert = window.get_by_role("alert").first
            if index < 2:
                expect(alert).to_contain_text("Votre accord est enregistré.")
            else:
                expect(alert).to_contain_text("le protocole est validé par l'équipe")
        finally:
            context.close()

    page.goto(page.base_url + protocol.get_absolute_url())
    expect(page.get_by_text("Validé par l'équipe", exact=True).first).to_be_visible()
    expect(page.get_by_text("les 3 membres sollicités ont donné leur accord")).to_be_visible()
    record = page.get_by_role("table", name="Avis qui ont validé le protocole")
    for member in members:
        expect(record.get_by_role("row", name=member.display_name, exact=False)).to_contain_text(
            "D'accord"
        )
    protocol = Protocol.objects.get(pk=protocol.pk)
    assert protocol.status == ProtocolStatus.VALIDATED
    assert protocol.validation_method == ValidationMethod.ANSWERS
    assert set(protocol.agreed_by.all()) == set(members)
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.VALIDATED
