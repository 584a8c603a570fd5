"""An account and Pro Santé Connect, against the provider of
tests/psc/provider.py: linking from the profile or after a password sign-in
(never merged silently), the verified fields of the profile, unlinking, the
second factor of a PSC session, and signing out of PSC too."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from gecolib.models import Profession
from tests.factories import PASSWORD, UserFactory, accept_charter, activate_totp
from tests.psc import fixtures
from tests.psc.fixtures import sign_in
from tests.psc.provider import professional, rpps

pytestmark = pytest.mark.django_db

# The provider, shared with the other PSC tests (tests/psc/fixtures.py).
running_psc = fixtures.running_psc
fake_psc = fixtures.fake_psc

RPPS = rpps("1010005007")


def password_sign_in(client, user, next_url=""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def link(user, provider) -> SocialAccount:
    return SocialAccount.objects.create(user=user, provider="psc", uid=provider.identity["sub"])


def test_link_offered_after_password_sign_in(client, fake_psc):
    owner = UserFactory(email="anne@exemple.fr", rpps=RPPS, first_name="Ane")
    page = sign_in(client)
    assert "Vous avez déjà un compte" in page.content.decode()
    target = reverse("psc_link_pending")
    response = password_sign_in(client, owner, next_url=target)
    assert response["Location"] == target
    page = client.get(target).content.decode()
    assert RPPS in page and "Relier mon compte" in page
    assert not SocialAccount.objects.exists()
    assert client.post(target)["Location"] == reverse("profile")
    assert SocialAccount.objects.get().user == owner
    owner.refresh_from_db()
    assert owner.first_name == "Anne"  # as verified by PSC
    # Offered once.
    assert client.get(target).status_code == 404


def test_link_pending_refused_for_another_rpps(client, fake_psc):
    UserFactory(rpps=RPPS)
    other = UserFactory(rpps=rpps("1099999999"))
    sign_in(client)
    password_sign_in(client, other)
    response = client.post(reverse("psc_link_pending"))
    assert response["Location"] == reverse("profile")
    assert not SocialAccount.objects.exists()


def test_link_from_the_profile(client, fake_psc):
    user = UserFactory(rpps="", profession=Profession.objects.get(code="40"))
    password_sign_in(client, user)
    assert "Relier mon compte à" in client.get(reverse("profile")).content.decode()
    response = sign_in(client, process="connect", next_url=reverse("profile"))
    assert response["Location"] == reverse("profile")
    assert SocialAccount.objects.get().user == user
    user.refresh_from_db()
    assert (user.rpps, user.profession.code, user.last_name) == (RPPS, "60", "Guillou")


def test_link_from_profile_refused_when_another_account_has_the_rpps(client, fake_psc):
    UserFactory(rpps=RPPS)
    user = UserFactory()
    password_sign_in(client, user)
    response = sign_in(client, process="connect", next_url=reverse("profile"))
    assert response.status_code == 400
    assert "déjà ce numéro RPPS" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_verified_fields_shown_and_not_editable_while_linked(client, fake_psc):
    user = UserFactory(rpps=RPPS, first_name="Anne", last_name="Guillou")
    link(user, fake_psc)
    client.force_login(user)
    page = client.get(reverse("profile")).content.decode()
    assert page.count("Vérifié par Pro Santé Connect") == 4
    client.post(
        reverse("profile"),
        {
            "first_name": "Autre",
            "last_name": "Nom",
            "rpps": rpps("1088888888"),
            "profession": Profession.objects.get(code="40").pk,
            "phone": "",
        },
    )
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.rpps) == ("Anne", "Guillou", RPPS)
    assert user.profession.code == "60"


def test_unlink_with_a_password(client, fake_psc):
    user = UserFactory(rpps=RPPS)
    link(user, fake_psc)
    client.force_login(user)
    assert client.post(reverse("psc_unlink"))["Location"] == reverse("profile")
    assert not SocialAccount.objects.exists()
    assert "Vérifié par Pro Santé Connect" not in client.get(reverse("profile")).content.decode()


def test_no_unlink_without_a_password(client, fake_psc):
    user = UserFactory(rpps=RPPS)
    user.set_unusable_password()
    user.save()
    link(user, fake_psc)
    client.force_login(user)
    assert "définissez d" in client.get(reverse("profile")).content.decode()
    client.post(reverse("psc_unlink"))
    assert SocialAccount.objects.filter(user=user).exists()


# -- the second factor ------------------------------------------------------------------

FACILITATOR_PAGE = "facilitations:workspace"


def facilitator(provider, totp=False):
    user = UserFactory(rpps=RPPS, facilitator=True)
    if totp:
        activate_totp(user)
    link(user, provider)
    accept_charter(user)
    return user


def test_psc_session_satisfies_the_second_factor(client, fake_psc):
    user = facilitator(fake_psc)
    sign_in(client)
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get(reverse(FACILITATOR_PAGE))
    assert page.status_code == 200


@pytest.mark.parametrize("acr", ["", "inconnu"])
def test_psc_session_without_enough_acr_does_not(client, fake_psc, acr):
    facilitator(fake_psc)
    fake_psc.acr = acr
    sign_in(client)
    assert client.session["gecolib_login"]["method"] == "psc"
    page = client.get(reverse(FACILITATOR_PAGE))
    assert page["Location"] == reverse("mfa_activate_totp")


def test_minimum_acr_is_configurable(client, fake_psc, settings):
    facilitator(fake_psc)
    settings.PSC_MIN_ACR = "eidas2"
    sign_in(client)
    assert client.get(reverse(FACILITATOR_PAGE))["Location"] == reverse("mfa_activate_totp")


def test_password_session_still_needs_totp(client, fake_psc):
    user = facilitator(fake_psc)
    password_sign_in(client, user)
    assert client.get(reverse(FACILITATOR_PAGE))["Location"] == reverse("mfa_activate_totp")


def test_no_totp_step_after_psc_sign_in(client, fake_psc):
    user = facilitator(fake_psc, totp=True)
    response = sign_in(client)
    assert response["Location"] != reverse("mfa_authenticate")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_totp_step_after_psc_sign_in_with_a_low_acr(client, fake_psc):
    facilitator(fake_psc, totp=True)
    fake_psc.acr = ""
    response = sign_in(client)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


# -- signing out ------------------------------------------------------------------------


def test_logout_ends_the_psc_session(client, fake_psc):
    link(UserFactory(rpps=RPPS), fake_psc)
    sign_in(client)
    response = client.post(reverse("account_logout"))
    location = response["Location"]
    assert location.startswith(fake_psc.endpoints()["LOGOUT_URL"] + "?")
    query = parse_qs(urlparse(location).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert "_auth_user_id" not in client.session
    # PSC accepts the hint (its own signature) and sends the person home.
    answer = requests.get(location, allow_redirects=False)
    assert answer.headers["Location"] == "http://testserver/"
    assert fake_psc.logouts[-1]["sub"] == fake_psc.identity["sub"]


def test_logout_of_a_password_session_stays_local(client, fake_psc):
    user = UserFactory()
    password_sign_in(client, user)
    assert client.post(reverse("account_logout"))["Location"] == reverse("home")


def test_identity_updates_at_each_sign_in(client, fake_psc):
    user = UserFactory(rpps=RPPS, last_name="Guillou")
    link(user, fake_psc)
    fake_psc.identity = professional(last_name="Guillou-Le Goff", profession="40")
    sign_in(client)
    user.refresh_from_db()
    assert (user.last_name, user.profession.code) == ("Guillou-Le Goff", "40")


def test_closing_the_account_removes_the_psc_link(client, fake_psc):
    user = UserFactory(rpps=RPPS)
    link(user, fake_psc)
    client.force_login(user)
    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert not SocialAccount.objects.exists()
