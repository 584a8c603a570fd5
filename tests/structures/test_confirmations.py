"""Irreversible actions of the structures app confirmed first: the page (or
dialog) says what happens, and nothing changes before the POST."""

import pytest
from django.urls import reverse

from structures.enums import HealthProjectSection as Section
from structures.enums import HealthProjectStatus as Status
from structures.models import HealthProject

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def project(structure, coordinator):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes littorales.", by=coordinator)
    return project


def test_submit_confirmation_says_the_version_is_frozen_and_nothing_is_sent(
    client_for, coordinator, structure, project
):
    client = client_for(coordinator)
    url = reverse("structures:health_project_transition", args=[structure.pk, "soumettre"])
    html = _text(client.get(url))
    assert "La version 1 du projet" in html and "figée" in html
    assert "Le portail ne transmet pas le dossier à l'ARS." in html
    assert "démarches-simplifiées" in html
    assert reverse("structures:health_project_pdf", args=[structure.pk]) in html
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    # the project's page holds the same words in a dialog, opened by a link to that page
    page = client.get(reverse("structures:health_project", args=[structure.pk])).content.decode()
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in page
    assert 'class="modal fade" id="confirmer-soumettre"' in page
    assert "Le portail ne transmet pas le dossier" in page


def test_submit_confirmation_of_a_submitted_project_goes_back_to_the_project(
    client_for, coordinator, structure, project
):
    project.submit(by=coordinator)
    url = reverse("structures:health_project_transition", args=[structure.pk, "soumettre"])
    response = client_for(coordinator).get(url, follow=True)
    assert "ce changement n'est pas possible" in _text(response)


def test_membership_end_confirmed_and_a_bad_date_shown_on_the_page(
    client_for, coordinator, member, structure
):
    client = client_for(coordinator)
    membership = member.memberships.get()
    url = reverse("structures:membership_end", args=[structure.pk, membership.pk])
    html = _text(client.get(url))
    assert "ne fera plus partie de l'équipe" in html
    assert "Mettre fin à l'adhésion" in html
    membership.refresh_from_db()
    assert membership.is_current
    response = client.post(url, {f"e{membership.pk}-end_date": "2000-01-01"})
    assert response.status_code == 200
    html = _text(response)
    assert "data-error-summary" in html and "ne peut pas précéder" in html
    membership.refresh_from_db()
    assert membership.is_current
    members = client.get(reverse("structures:members", args=[structure.pk])).content.decode()
    assert f'id="terminer-{membership.pk}"' in members
