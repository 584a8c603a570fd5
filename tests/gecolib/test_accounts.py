import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from gecolib.models import User
from tests.factories import PASSWORD, UserFactory, activate_totp, profession

pytestmark = pytest.mark.django_db


def test_signup_then_confirmation_signs_in_and_leads_to_the_profile(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "Nouvelle@Exemple.fr", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.fr")
    # Mandatory verification: not logged in yet, a link was mailed.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group(
        0
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert "Confirmez que <strong>nouvelle@exemple.fr</strong> est bien votre adresse" in (
        response.content.decode()
    )
    response = client.post("/" + path)
    assert user.emailaddress_set.get().verified
    # Confirmed in the browser that signed up: signed in, on to the profile.
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get(reverse("profile")).content.decode()
    assert "Pour commencer, indiquez votre prénom" in page


def test_confirmation_in_another_browser_does_not_sign_in(client):
    client.post(
        reverse("account_signup"),
        {"email": "ailleurs@exemple.fr", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="ailleurs@exemple.fr")
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    other = Client()
    response = other.post(path)
    assert user.emailaddress_set.get().verified
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in other.session
    response = other.post(
        reverse("account_login"), {"login": "ailleurs@exemple.fr", "password": PASSWORD}
    )
    assert other.session["_auth_user_id"] == str(user.pk)


def test_the_signup_page_button_is_a_verb(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert re.search(r"<button[^>]*>\s*Créer mon compte\s*</button>", page)
    assert "Création de compte" not in page
    page = client.get(reverse("account_login")).content.decode()
    assert re.search(r"<button[^>]*>\s*Se connecter\s*</button>", page)


def test_unverified_user_cannot_log_in(client):
    user = UserFactory(email="pasverifie@exemple.fr")
    user.emailaddress_set.update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert "vérifi" in response.content.decode().lower()


def test_login_failures_are_rate_limited(client):
    user = UserFactory(email="limite@exemple.fr")
    for _ in range(6):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "faux"})
    # Even the right password is refused once the limit is reached.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_profile_update(client):
    user = UserFactory(email="profil@exemple.fr")
    client.force_login(user)
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Anne",
            "last_name": "Guillou",
            "profession": profession("10").pk,
            "specialty": "generaliste",
            "rpps": "10000000009",
            "phone": "02.99.12.34.56",
            "epci": "",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.rpps == "10000000009"
    assert user.phone == "02 99 12 34 56"
    assert user.is_general_practitioner


@pytest.mark.parametrize(
    "rpps, message",
    [
        ("10000000008", "clé de contrôle"),
        ("1234", "11 chiffres"),
        ("1000000000A", "11 chiffres"),
    ],
)
def test_bad_rpps_refused_and_nothing_saved(client, rpps, message):
    user = UserFactory(email="rpps@exemple.fr", first_name="Avant")
    client.force_login(user)
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Après",
            "last_name": "Guillou",
            "profession": profession("60").pk,
            "rpps": rpps,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.first_name == "Avant"
    assert user.rpps == ""


def test_specialty_required_for_physicians(client):
    user = UserFactory(email="medecin@exemple.fr")
    client.force_login(user)
    response = client.post(
        reverse("profile"),
        {"first_name": "A", "last_name": "B", "profession": profession("10").pk},
    )
    assert response.status_code == 200
    assert "Indiquez votre spécialité" in response.content.decode()


def test_mfa_enforced_for_staff_when_required(client, settings):
    settings.GECOLIB_REQUIRE_MFA = True
    staff = UserFactory(email="equipe@exemple.fr", staff=True)
    client.force_login(staff)
    response = client.get(reverse("user_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/").status_code == 302

    activate_totp(staff)
    assert client.get(reverse("user_list")).status_code == 200


def test_mfa_not_required_when_switched_off(client, settings):
    settings.GECOLIB_REQUIRE_MFA = False
    staff = UserFactory(email="equipe@exemple.fr", staff=True)
    client.force_login(staff)
    assert client.get(reverse("user_list")).status_code == 200


def test_any_user_can_activate_totp(client, professional):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    client.force_login(professional)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302  # allauth asks for the password again first
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=professional, type="totp").exists()
    assert professional.has_mfa()


def test_password_reset_sends_a_french_link_and_changes_the_password(client):
    user = UserFactory(email="oubli@exemple.fr")
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "Bonjour" in body
    path = "/" + re.search(r"https?://\S+?/(accounts/password/reset/key/\S+/)", body).group(1)
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    new_password = "un-nouveau-mot-de-passe-42"
    response = client.post(form_path, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_email_change_page_is_available(client, professional):
    client.force_login(professional)
    response = client.get(reverse("account_email"))
    assert response.status_code == 200
    assert professional.email in response.content.decode()
