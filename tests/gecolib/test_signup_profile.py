"""After sign-up: the profile to complete, then a dashboard that greets by name."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, profession

pytestmark = pytest.mark.django_db


def test_dashboard_greets_by_first_name_never_by_email(client):
    newcomer = UserFactory(email="anne.guillou@exemple.fr", first_name="", last_name="")
    client.force_login(newcomer)
    page = client.get(reverse("home")).content.decode()
    assert "Bonjour et bienvenue" in page
    assert "Bonjour anne.guillou@exemple.fr" not in page
    newcomer.first_name, newcomer.last_name = "Anne", "Guillou"
    newcomer.save()
    assert "Bonjour Anne</h1>" in client.get(reverse("home")).content.decode()


def test_completing_the_profile_the_first_time_leads_to_the_dashboard(client):
    newcomer = UserFactory(email="nouveau@exemple.fr", first_name="", last_name="", profession=None)
    client.force_login(newcomer)
    page = client.get(reverse("profile")).content.decode()
    assert "Pour commencer, indiquez votre prénom" in page
    data = {"first_name": "Yann", "last_name": "Le Gall", "profession": profession("60").pk}
    # Something missing: the form again, nothing saved.
    response = client.post(reverse("profile"), {**data, "last_name": ""})
    assert response.status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.first_name == ""
    response = client.post(reverse("profile"), data)
    assert response["Location"] == reverse("home")
    assert "Bonjour Yann</h1>" in client.get(reverse("home")).content.decode()
    # Later edits stay on the profile page, without the welcome.
    response = client.post(reverse("profile"), {**data, "first_name": "Yannick"})
    assert response["Location"] == reverse("profile")
    assert "Pour commencer" not in client.get(reverse("profile")).content.decode()
