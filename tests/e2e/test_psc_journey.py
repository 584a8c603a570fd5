"""Signing in with Pro Santé Connect in the browser, through the OpenID
Connect provider of tests/psc/provider.py (two local servers: the wallet's
authorization page on one host, the realm on another)."""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail

from gecolib.psc.conf import form_action_origins
from tests.factories import UserFactory, accept_charter
from tests.psc.provider import FakePSC, professional, rpps

pytestmark = [pytest.mark.e2e]

RPPS = rpps("1010005007")


@pytest.fixture
def psc(live_server, settings):
    provider = FakePSC().start()
    provider.identity = professional("Anne", "Guillou", rpps_number=RPPS, profession="60")
    provider.allow_redirect_uri(live_server.url + "/accounts/psc/login/callback/")
    settings.PSC_CLIENT_ID = provider.client.client_id
    settings.PSC_CLIENT_SECRET = provider.client.client_secret
    settings.PSC_ENDPOINTS = provider.endpoints()
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **directives,
            "form-action": [*directives["form-action"], *form_action_origins(provider.endpoints())],
        },
    }
    yield provider
    provider.stop()


def through_psc(page, psc, button="Se connecter avec Pro Santé Connect"):
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).click()
    # On PSC's wallet, another host than the portal and than PSC's realm.
    expect(page.get_by_role("heading", name="Pro Santé Connect")).to_be_visible()
    assert page.url.startswith(psc.authorization_url)
    page.get_by_role("button", name="Valider avec e-CPS").click()


def test_first_sign_in_then_sign_in_and_out_through_psc(page, psc):
    from playwright.sync_api import expect

    page.goto(page.base_url + "/accounts/login/")
    through_psc(page, psc)

    # Back on the portal: the verified identity, and an address to give.
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer votre compte")
    expect(page.get_by_text(f"Anne Guillou, numéro RPPS {RPPS}")).to_be_visible()
    page.get_by_label("Adresse e-mail").fill("anne.guillou@exemple.fr")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vérifiez votre adresse")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base_url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirmer mon adresse").click()

    # The profile shows what PSC verified, not editable.
    page.goto(page.base_url + "/compte/profil/")
    expect(page.get_by_text("Compte relié à Pro Santé Connect.")).to_be_visible()
    expect(page.locator("#id_last_name")).to_be_disabled()
    expect(page.locator("#id_rpps")).to_have_value(RPPS)
    expect(page.locator("#id_rpps")).to_be_disabled()

    # Signing out, then in again through PSC: straight in.
    page.get_by_role("button", name="Anne Guillou").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(page.base_url + "/accounts/login/")
    through_psc(page, psc)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Anne")

    # Signing out ends the PSC session too, and comes back to the portal.
    page.get_by_role("button", name="Anne Guillou").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    assert page.url == page.base_url + "/"
    assert psc.logouts and psc.logouts[-1]["sub"] == psc.identity["sub"]


def test_facilitator_through_psc_needs_no_totp(page, psc, settings):
    from playwright.sync_api import expect

    settings.GECOLIB_REQUIRE_MFA = True
    user = UserFactory(
        email="elodie@exemple.fr",
        first_name="Anne",
        last_name="Guillou",
        rpps=RPPS,
        facilitator=True,
    )
    accept_charter(user)
    SocialAccount.objects.create(user=user, provider="psc", uid=psc.identity["sub"])

    page.goto(page.base_url + "/accounts/login/")
    through_psc(page, psc)
    page.goto(page.base_url + "/facilitations/")
    assert "/2fa/" not in page.url
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_cancel_at_psc_shows_a_clear_page(page, psc):
    from playwright.sync_api import expect

    page.goto(page.base_url + "/accounts/signup/")
    page.get_by_role("button", name="Se connecter avec Pro Santé Connect").click()
    page.get_by_role("button", name="Annuler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion annulée")
    expect(page.get_by_role("link", name="Revenir à la connexion")).to_be_visible()
