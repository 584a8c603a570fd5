"""Bad input is a 400 or a form error, never a 500: NUL bytes anywhere in the
parameters (PostgreSQL refuses them in text), a `next` that is not a URL."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from gecolib.redirects import redirect_to_next

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/guide/pages/?q=%00",
        "/guide/nouvelle-page/?parent=1%00",
        "/guide/apercu/?page=%00",
        "/structures/?q=a%00b",
        "/?x%00=1",
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_french_400(client, staff, path):
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 400
    assert "Demande incorrecte" in response.content.decode()


def test_a_nul_byte_in_a_form_field_is_a_400_and_changes_nothing(client, professional):
    client.force_login(professional)
    response = client.post(reverse("profile"), {"first_name": "Ana\x00is"})
    assert response.status_code == 400
    professional.refresh_from_db()
    assert "\x00" not in professional.first_name


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("/structures/", "/structures/"),
        ("structures:directory", "/fallback/"),
        ("https://ailleurs.example/", "/fallback/"),
        ("//ailleurs.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_redirect_to_next_follows_only_local_paths(next_url, expected):
    request = RequestFactory().post("/", {"next": next_url})
    assert redirect_to_next(request, "/fallback/")["Location"] == expected
