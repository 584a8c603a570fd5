"""Signing in with Pro Santé Connect against a real OpenID Connect provider
(tests/psc/provider.py: authlib, PSC's shape, two local servers): the
authorization request, the first sign-in, and every refusal — cancelled,
unreachable, state or nonce mismatch, replayed code, identity without RPPS,
wrong audience, expired or tampered ID token — with nothing created."""

import html
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

from gecolib.models import User
from tests.factories import UserFactory
from tests.psc import fixtures
from tests.psc.fixtures import callback_path, decide, sign_in, start
from tests.psc.provider import professional, rpps

pytestmark = pytest.mark.django_db

# The provider, shared with the other PSC tests (tests/psc/fixtures.py).
running_psc = fixtures.running_psc
fake_psc = fixtures.fake_psc

BUTTON = "Pro Santé Connect"


def signed_in_user(client):
    return client.session.get("_auth_user_id")


def test_no_button_nor_page_without_configuration(client, settings):
    settings.PSC_CLIENT_ID = ""
    settings.PSC_CLIENT_SECRET = ""
    for name in ("account_login", "account_signup"):
        assert BUTTON not in client.get(reverse(name)).content.decode()
    assert client.post(reverse("psc_login")).status_code == 404


def test_button_on_sign_in_and_sign_up_when_configured(client, fake_psc):
    for name in ("account_login", "account_signup"):
        page = client.get(reverse(name)).content.decode()
        assert "Se connecter avec" in page and BUTTON in page
        assert f'action="{reverse("psc_login")}"' in page
        assert "psc-logo.svg" in page


def test_authorization_request_has_psc_shape(client, fake_psc):
    location = start(client)
    url = urlparse(location)
    issuer = urlparse(fake_psc.issuer)
    # The wallet's host, not the issuer's.
    assert (url.hostname, url.port) != (issuer.hostname, issuer.port)
    assert location.startswith(fake_psc.authorization_url + "?")
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert set(query["scope"].split()) == {"openid", "scope_all"}
    assert query["acr_values"] == "eidas1"
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) >= 43
    assert len(query["nonce"]) >= 32 and len(query["state"]) >= 12
    assert query["redirect_uri"] == "http://testserver/accounts/psc/login/callback/"


def test_query_string_cannot_widen_scope_or_change_acr(client, fake_psc):
    response = client.post(
        reverse("psc_login") + "?scope=email&auth_params=acr_values%3Dnone", {"process": "login"}
    )
    query = parse_qs(urlparse(response["Location"]).query)
    assert set(query["scope"][0].split()) == {"openid", "scope_all"}
    assert query["acr_values"] == ["eidas1"]


def test_first_sign_in_creates_the_account_from_the_verified_identity(client, fake_psc):
    number = rpps("1010005007")
    fake_psc.identity = professional("Anne", "Guillou", rpps_number=number, profession="60")
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_signup")
    # PKCE: the code went back with its verifier.
    assert fake_psc.token_requests[-1]["code_verifier"]
    page = client.get(reverse("socialaccount_signup")).content.decode()
    assert "Anne Guillou" in page and number in page
    assert not User.objects.exists()

    response = client.post(reverse("socialaccount_signup"), {"email": "anne.guillou@exemple.fr"})
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.first_name, user.last_name, user.rpps) == ("Anne", "Guillou", number)
    assert user.profession.code == "60"
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).provider == "psc"
    # The address is confirmed as on the ordinary sign-up, before any sign-in.
    assert mail.outbox and "anne.guillou@exemple.fr" in mail.outbox[-1].to
    assert signed_in_user(client) is None


def test_sign_up_refuses_an_address_already_used(client, fake_psc):
    UserFactory(email="pris@exemple.fr")
    sign_in(client)
    response = client.post(reverse("socialaccount_signup"), {"email": "pris@exemple.fr"})
    # As on the ordinary sign-up: the page does not tell, the owner is told by e-mail.
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "existe déjà" in mail.outbox[-1].subject
    assert User.objects.count() == 1
    assert not SocialAccount.objects.exists()


def test_linked_account_signs_in_and_session_records_psc_and_acr(client, fake_psc):
    user = UserFactory(rpps=rpps("1010005007"))
    SocialAccount.objects.create(user=user, provider="psc", uid=fake_psc.identity["sub"])
    response = sign_in(client)
    assert response.status_code == 302
    assert signed_in_user(client) == str(user.pk)
    record = client.session["gecolib_login"]
    assert (record["method"], record["acr"]) == ("psc", "eidas1")


def refused(response, words: str, status=400) -> None:
    assert response.status_code == status, response.status_code
    assert words in html.unescape(response.content.decode())
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


def test_cancel_at_psc(client, fake_psc):
    refused(sign_in(client, decision="cancel"), "Vous avez annulé la connexion")


def test_psc_unreachable(client, fake_psc, settings):
    settings.PSC_ENDPOINTS = {**settings.PSC_ENDPOINTS, "TOKEN_URL": "http://127.0.0.1:9/token"}
    refused(sign_in(client), "ne répond pas", status=502)


def test_state_mismatch(client, fake_psc):
    callback = decide(start(client))
    tampered = callback.replace("state=", "state=x")
    refused(client.get(callback_path(tampered)), "ne correspond pas à une demande")


def test_callback_without_code_nor_state(client, fake_psc):
    refused(client.get(reverse("psc_callback")), "ne correspond pas à une demande")


def test_replayed_callback_and_code_are_refused(client, fake_psc):
    user = UserFactory(rpps=rpps("1010005007"))
    SocialAccount.objects.create(user=user, provider="psc", uid=fake_psc.identity["sub"])
    callback = decide(start(client))
    assert client.get(callback_path(callback)).status_code == 302
    client.logout()
    # The same answer again: its state was used up.
    response = client.get(callback_path(callback))
    assert response.status_code == 400 and signed_in_user(client) is None
    # And PSC refuses the code a second time.
    code = parse_qs(urlparse(callback).query)["code"][0]
    again = requests.post(
        fake_psc.endpoints()["TOKEN_URL"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/accounts/psc/login/callback/",
            "client_id": fake_psc.client.client_id,
            "client_secret": fake_psc.client.client_secret,
            "code_verifier": fake_psc.token_requests[-1]["code_verifier"],
        },
    )
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_provider_refuses_a_code_without_its_pkce_verifier(client, fake_psc):
    callback = decide(start(client))
    code = parse_qs(urlparse(callback).query)["code"][0]
    answer = requests.post(
        fake_psc.endpoints()["TOKEN_URL"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/accounts/psc/login/callback/",
            "client_id": fake_psc.client.client_id,
            "client_secret": fake_psc.client.client_secret,
            "code_verifier": "un-verificateur-qui-ne-correspond-pas-du-tout-au-defi-envoye",
        },
    )
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "fault", ["wrong_audience", "expired", "bad_signature", "other_key", "wrong_issuer"]
)
def test_unverifiable_id_token_is_refused(client, fake_psc, fault):
    fake_psc.id_token_fault = fault
    refused(sign_in(client), "n'a pas pu être vérifiée")
    assert signed_in_user(client) is None


def test_nonce_mismatch_is_refused(client, fake_psc):
    fake_psc.id_token_fault = "wrong_nonce"
    refused(sign_in(client), "ne correspond pas à une demande")


@pytest.mark.parametrize(
    "national_id",
    [
        "0" + "123456789",  # ADELI only
        "3" + "12345678901234",  # a student's or another identifier
    ],
)
def test_identity_without_rpps_is_refused(client, fake_psc, national_id):
    fake_psc.identity = professional(national_id=national_id)
    refused(sign_in(client), "ne comporte pas de numéro RPPS")


def test_existing_account_with_the_rpps_is_never_merged(client, fake_psc):
    owner = UserFactory(email="anne@exemple.fr", rpps=rpps("1010005007"))
    # Even with the same e-mail address given by PSC.
    fake_psc.identity = professional(email="anne@exemple.fr")
    response = sign_in(client)
    assert response.status_code == 200
    assert "Vous avez déjà un compte" in response.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.filter(user=owner).exists()


def test_opening_the_button_url_asks_to_confirm(client, fake_psc):
    # A GET (a link followed, a prefetch) never leaves for PSC by itself.
    response = client.get(reverse("psc_login"))
    assert response.status_code == 200
    assert "Pro Santé Connect" in response.content.decode()
    assert not fake_psc.authorization_requests
