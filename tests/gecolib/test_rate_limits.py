"""Fair login limits (issue 8, finding 6; ASVS 2.2): gecolib/account_adapter.py.

Failed logins are counted per client address and account (short), per
address (credential stuffing) and per account over every address (higher,
then one password-reset e-mail). The client address behind the proxy comes
from X-Forwarded-For through TRUSTED_PROXY_COUNT. Refusals answer 429 with a
French page saying when to retry."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from gecolib.rate_limits import Rate, consume
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
PROXY = "10.0.0.2"


@pytest.fixture
def owner(db):
    return UserFactory(email="titulaire@exemple.fr")


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def behind_proxy(address: str) -> Client:
    """A browser behind the portal's reverse proxy: REMOTE_ADDR is the proxy's."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def attempt(client: Client, email: str, password: str = "faux"):
    return client.post(LOGIN, {"login": email, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_strangers_wrong_passwords_do_not_lock_the_owner_out(owner):
    stranger = from_address("203.0.113.5")
    for _ in range(5):
        assert attempt(stranger, owner.email).status_code == 200
    assert attempt(stranger, owner.email).status_code == 429
    # The stranger is refused even with the right password…
    assert attempt(stranger, owner.email, PASSWORD).status_code == 429
    assert not signed_in(stranger)
    # …while the owner, from their own address, signs in.
    at_home = from_address("198.51.100.7")
    assert attempt(at_home, owner.email, PASSWORD).status_code == 302
    assert signed_in(at_home)


def test_refusal_is_429_in_french_with_when_to_retry(owner):
    client = from_address("203.0.113.5")
    for _ in range(5):
        attempt(client, owner.email)
    response = attempt(client, owner.email)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Trop de tentatives" in text
    # 5 attempts per 5 minutes: the first one frees a slot within 5 minutes.
    assert re.search(r"Réessayez dans [1-5] minutes?\.", text)
    assert 0 < int(response["Retry-After"]) <= 300
    assert 'lang="fr"' in text


def test_successful_login_gives_its_attempt_back(owner):
    client = from_address("203.0.113.5")
    for _ in range(4):
        attempt(client, owner.email)
    assert attempt(client, owner.email, PASSWORD).status_code == 302
    client.logout()
    # Still one attempt left for a typo, then the limit.
    assert attempt(client, owner.email).status_code == 200
    assert attempt(client, owner.email).status_code == 429


def test_clients_behind_the_proxy_are_counted_separately(settings, owner):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = behind_proxy("203.0.113.5")
    for _ in range(5):
        attempt(attacker, owner.email)
    assert attempt(attacker, owner.email).status_code == 429
    # Same proxy, another office: the owner is not refused.
    colleague = behind_proxy("198.51.100.7")
    assert attempt(colleague, owner.email, PASSWORD).status_code == 302


def test_one_address_spraying_accounts_does_not_lock_out_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "10/10m/ip,5/5m/key",
    }
    colleague_account = UserFactory(email="collegue@exemple.fr")
    attacker = behind_proxy("203.0.113.5")
    statuses = [attempt(attacker, f"cible{n}@exemple.fr").status_code for n in range(11)]
    assert statuses == [200] * 10 + [429]
    colleague = behind_proxy("198.51.100.7")
    assert attempt(colleague, colleague_account.email, PASSWORD).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(owner):
    # TRUSTED_PROXY_COUNT=0 (the default): a forged X-Forwarded-For changes nothing.
    for n in range(5):
        attempt(behind_proxy(f"192.0.2.{n}"), owner.email)
    assert attempt(behind_proxy("192.0.2.99"), owner.email).status_code == 429


def test_account_limit_sends_one_reset_email_then_lets_the_owner_back(settings, owner):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/1h/key",
    }
    # Wrong passwords from many addresses: each address stays under its limit.
    for n in range(8):
        assert attempt(from_address(f"192.0.2.{n}"), owner.email).status_code == 200
    assert mail.outbox == []
    response = attempt(from_address("192.0.2.50"), owner.email)
    assert response.status_code == 429
    assert "un nouveau mot de passe" in response.content.decode()
    # More attempts, and even the owner's right password: refused, no second e-mail.
    for n in range(60, 65):
        assert attempt(from_address(f"192.0.2.{n}"), owner.email).status_code == 429
    home = from_address("198.51.100.7")
    assert attempt(home, owner.email, PASSWORD).status_code == 429
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]

    # The link in the e-mail sets a new password and clears the counters.
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    response = home.get(path)
    assert response.status_code == 302  # allauth moves the key into the session
    new_password = "un-nouveau-mot-de-passe-99"
    response = home.post(
        response["Location"], {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    assert attempt(home, owner.email, new_password).status_code == 302
    assert signed_in(home)


def test_account_limit_page_is_the_same_for_an_unknown_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "3/1h/key",
    }
    for n in range(3):
        attempt(from_address(f"192.0.2.{n}"), "personne@exemple.fr")
    response = attempt(from_address("192.0.2.50"), "personne@exemple.fr")
    assert response.status_code == 429
    assert "Si un compte correspond à cette adresse" in response.content.decode()
    assert mail.outbox == []


def test_rates_read_allauths_syntax():
    assert Rate.parse("5/5m/key") == Rate(5, 300, "key")
    assert Rate.parse(" 20/m ") == Rate(20, 60, "ip")  # per address when omitted
    assert Rate.parse("1/1.5h/ip") == Rate(1, 5400, "ip")
    for wrong in ("5/5w/key", "5/m/user", "5", "5/m/ip/key"):
        with pytest.raises(ValueError):
            Rate.parse(wrong)


def test_a_refused_attempt_is_not_counted(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/10m/ip,1/5m/key"}
    assert consume("login_failed", address="192.0.2.1", key="a") is not None
    # Refused by the per-key limit: the per-address counter is left as it was…
    assert consume("login_failed", address="192.0.2.1", key="a") is None
    # …so two more keys still fit under the address's three.
    assert consume("login_failed", address="192.0.2.1", key="b") is not None
    assert consume("login_failed", address="192.0.2.1", key="c") is not None
    assert consume("login_failed", address="192.0.2.1", key="d") is None


def test_ipv6_clients_are_counted_by_their_network(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1/10m/ip"}
    assert consume("login_failed", address="2001:db8:1:2::1", key="a") is not None
    assert consume("login_failed", address="2001:db8:1:2::99", key="b") is None
    assert consume("login_failed", address="2001:db8:1:3::1", key="c") is not None
