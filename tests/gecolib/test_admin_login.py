"""The Django admin signs in through the portal's login only (issue 8, finding 1).

`/admin/login/` is wrapped in allauth's `secure_admin_login` (gecolib/urls.py):
it authenticates nobody and sends to the portal's login, where the second
factor and the login limits apply."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, activate_totp

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def admin_user(db):
    """A superuser with TOTP: everything the admin can do."""
    user = UserFactory(email="admin@exemple.fr", staff=True, is_superuser=True)
    secret = activate_totp(user)
    return user, secret


def test_password_only_admin_login_is_refused(client, admin_user):
    user, _ = admin_user
    response = client.post(
        ADMIN_LOGIN, {"username": user.email, "password": PASSWORD, "next": "/admin/"}
    )
    # Sent to the portal's login, signed in as nobody.
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == ["/admin/"]
    assert "_auth_user_id" not in client.session
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)
    assert client.get("/admin/gecolib/user/").status_code == 302


def test_admin_login_page_sends_to_the_portal_login(client):
    response = client.get(ADMIN_LOGIN + "?next=/admin/gecolib/user/")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == ["/admin/gecolib/user/"]


def test_admin_needs_the_second_factor_through_the_portal_login(client, admin_user):
    user, secret = admin_user
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": user.email, "password": PASSWORD}
    )
    # The password alone leads to the code, not to the admin.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_wrong_passwords_at_the_admin_login_are_refused_like_the_portal(client, admin_user):
    user, _ = admin_user
    for _ in range(25):
        response = client.post(ADMIN_LOGIN, {"username": user.email, "password": "faux"})
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("account_login")
    assert "_auth_user_id" not in client.session
    # Through the portal's login, the same guesses meet its limits.
    statuses = [
        client.post(reverse("account_login"), {"login": user.email, "password": "faux"}).status_code
        for _ in range(25)
    ]
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    # Even the right password is refused until the limit expires.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_signed_in_non_staff_cannot_use_the_admin_login(client, professional):
    client.force_login(professional)
    assert client.get(ADMIN_LOGIN).status_code == 403
    assert client.get("/admin/").status_code == 302
