"""Health project pages: submission rights, editing, versions, diff, restore, status."""

import html

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from structures.enums import HealthProjectSection as Section
from structures.enums import HealthProjectStatus as Status
from structures.models import HealthProject
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

READERS = {"member", "coordinator", "facilitator", "project_officer", "staff"}


@pytest.fixture
def project(structure, coordinator, member):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes littorales.", by=coordinator)
    project.save_section(Section.TERRITORY, "Treize communes littorales.", by=member)
    return project


def text(response) -> str:
    """The page as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode())


def url(name, structure, *args):
    return reverse(f"structures:{name}", args=[structure.pk, *args])


# Who may open each health-project URL is in the structures' permission matrix
# (tests/structures/test_permissions.py); this file tests what the pages do.


@pytest.mark.parametrize("role", ["anonymous", "professional", "other_member", *sorted(READERS)])
def test_permission_matrix_submit(client_for, cast, facilitation, project, structure, role):
    response = client_for(cast[role]).post(url("health_project_transition", structure, "soumettre"))
    expected = {
        "anonymous": 302,
        "professional": 404,
        "other_member": 404,
        "member": 403,
        "facilitator": 403,
        "project_officer": 403,
        "coordinator": 302,
        "staff": 302,
    }[role]
    assert response.status_code == expected
    project.refresh_from_db()
    assert project.status == (
        Status.SUBMITTED if role in {"coordinator", "staff"} else Status.DRAFT
    )


@pytest.mark.parametrize("action", ["carpec", "valider", "renvoyer"])
def test_reviews_are_refused_to_members(client_for, coordinator, project, structure, action):
    project.submit(by=coordinator)
    response = client_for(coordinator).post(url("health_project_transition", structure, action))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED


def test_unassigned_facilitator_gets_404(client_for, facilitator, project, structure):
    response = client_for(facilitator).get(url("health_project", structure))
    assert response.status_code == 404


def test_page_before_the_project_is_started(client_for, coordinator, structure):
    client = client_for(coordinator)
    response = client.get(url("health_project", structure))
    assert response.status_code == 200
    assert "Commencer le projet de santé" in text(response)
    # Generated data are there already: the team table.
    assert "coordinateur" in text(response)
    response = client.post(url("health_project_start", structure), follow=True)
    assert HealthProject.objects.filter(structure=structure).exists()
    assert "Le projet de santé est commencé" in text(response)


def test_edit_a_section_creates_a_version(client_for, member, project, structure):
    client = client_for(member)
    page = client.get(url("health_project_edit_section", structure, Section.TERRITORY.value))
    assert "Treize communes littorales." in text(page)
    response = client.post(
        url("health_project_edit_section", structure, Section.TERRITORY.value),
        {
            "text": "## Le territoire\n\nQuatorze communes.",
            "comment": "Ajout d'une commune",
            "base_version": 2,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#section-diagnostic_territoire")
    version = project.versions.get(number=3)
    assert version.author == member and version.comment == "Ajout d'une commune"
    page = text(client.get(url("health_project", structure)))
    # Headings of a section sit below the section title.
    assert "<h5>Le territoire</h5>" in page
    assert "Version 3 du" in page


def test_identical_text_saves_nothing(client_for, member, project, structure):
    response = client_for(member).post(
        url("health_project_edit_section", structure, Section.TERRITORY.value),
        {"text": "Treize communes littorales.", "comment": "", "base_version": 2},
    )
    assert response.status_code == 200
    assert "identique à la version actuelle" in text(response)
    assert project.versions.count() == 2


def test_concurrent_edit_is_detected(client_for, member, coordinator, project, structure):
    response = client_for(member).post(
        url("health_project_edit_section", structure, Section.TERRITORY.value),
        {"text": "Mon texte", "comment": "", "base_version": 1},
    )
    assert response.status_code == 200
    assert "modifiée entre-temps (version 2" in text(response)
    assert project.versions.count() == 2


def test_unknown_section_is_404(client_for, member, project, structure):
    response = client_for(member).get(url("health_project_edit_section", structure, "annexe"))
    assert response.status_code == 404


def test_markdown_is_sanitised(client_for, member, project, structure):
    project.save_section(
        Section.QUALITY,
        "Texte <script>alert('x')</script> [lien](javascript:alert(1)) "
        '<img src=x onerror="alert(2)">',
        by=member,
    )
    page = client_for(member).get(url("health_project", structure)).content.decode()
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page and "&lt;img src=x" in page
    assert "&lt;script&gt;" in page


def test_no_edit_once_submitted(client_for, coordinator, member, project, structure):
    project.submit(by=coordinator)
    client = client_for(member)
    page = text(client.get(url("health_project", structure)))
    assert "Modifier « 1.1 Territoire et population »" not in page
    response = client.post(
        url("health_project_edit_section", structure, Section.TERRITORY.value),
        {"text": "Autre", "comment": "", "base_version": 2},
        follow=True,
    )
    assert "ne peut pas être modifié" in text(response)
    assert project.versions.count() == 2
    response = client.post(
        url("health_project_restore", structure, 1), {TOKEN_FIELD: new_token()}, follow=True
    )
    assert "ne peut être modifié" in text(response)
    assert project.versions.count() == 2


def test_invalid_transition_shows_a_message(client_for, staff, project, structure):
    response = client_for(staff).post(
        url("health_project_transition", structure, "valider"), follow=True
    )
    assert "ne peut être validé qu'après l'avis CARPEC" in text(response)
    project.refresh_from_db()
    assert project.status == Status.DRAFT


def test_unknown_transition_is_404(client_for, staff, project, structure):
    response = client_for(staff).post(url("health_project_transition", structure, "publier"))
    assert response.status_code == 404


def test_status_buttons_by_role(client_for, coordinator, member, staff, project, structure):
    page = text(client_for(member).get(url("health_project", structure)))
    assert "Soumettre à l'ARS" not in page
    page = text(client_for(coordinator).get(url("health_project", structure)))
    assert "Soumettre à l'ARS" in page
    client_for(coordinator).post(url("health_project_transition", structure, "soumettre"))
    page = text(client_for(staff).get(url("health_project", structure)))
    assert "Enregistrer l'examen en CARPEC" in page
    assert "Projet de santé : soumis à l'ARS" in page


def test_diff_page(client_for, member, project, structure):
    page = client_for(member).get(url("health_project_compare", structure), {"a": 2, "b": 1})
    content = text(page)
    assert page.status_code == 200
    assert "Différences entre les versions 1 et 2" in content
    assert '<del><span class="visually-hidden">[supprimé </span>Douze' in content
    assert '<ins><span class="visually-hidden">[ajouté </span>Treize' in content
    assert "1 section modifiée" in content


@pytest.mark.parametrize("query", [{}, {"a": "x", "b": "1"}, {"a": 1, "b": 9}, {"a": 0, "b": 1}])
def test_diff_bad_input(client_for, member, project, structure, query):
    response = client_for(member).get(url("health_project_compare", structure), query, follow=True)
    content = text(response)
    assert "Choisissez deux versions" in content or "La version 9 n'existe pas" in content


def test_restore_view(client_for, member, project, structure):
    response = client_for(member).post(
        url("health_project_restore", structure, 1), {TOKEN_FIELD: new_token()}, follow=True
    )
    assert "La version 1 a été restaurée : elle devient la version 3." in text(response)
    project.refresh_from_db()
    assert project.sections[Section.TERRITORY] == "Douze communes littorales."
    assert project.versions.get(number=3).restored_from.number == 1


def test_version_page(client_for, member, project, structure):
    content = text(client_for(member).get(url("health_project_version", structure, 1)))
    assert "Douze communes littorales." in content
    assert "Treize" not in content
    assert client_for(member).get(url("health_project_version", structure, 7)).status_code == 404


def test_version_page_of_the_submitted_version(client_for, coordinator, project, structure):
    """The frozen version: its status then, its badge, its PDF, and no restore."""
    project.submit(by=coordinator)
    content = text(client_for(coordinator).get(url("health_project_version", structure, 2)))
    assert "Version 2 du projet de santé" in content
    assert "Statut au moment de l'enregistrement : Soumis à l'ARS." in content
    assert "figée – soumise à l'ARS" in content
    assert url("health_project_version_pdf", structure, 2) in content
    assert url("health_project_restore", structure, 2) not in content
    assert "Retour au projet de santé" not in content  # the list's link, not this page's
    listing = text(client_for(coordinator).get(url("health_project_versions", structure)))
    assert "Retour au projet de santé" in listing
    assert url("health_project_version_pdf", structure, 1) in listing


def test_former_status_address_leads_to_the_french_one(client_for, coordinator, structure):
    former = f"/structures/{structure.pk}/health-project/status/rework/"
    response = client_for(coordinator).get(former)
    assert response.status_code == 301
    assert response["Location"] == url("health_project_transition", structure, "renvoyer")


def test_versions_list_is_paginated(client_for, member, project, structure):
    for i in range(25):
        project.save_section(Section.ACCESS, f"Texte {i}", by=member)
    content = text(client_for(member).get(url("health_project_versions", structure)))
    assert "27 versions enregistrées" in content
    assert "Page 1 sur 2" in content


@pytest.mark.parametrize("count", [3, 30])
def test_versions_list_query_count(client_for, django_assert_num_queries, structure, member, count):
    project = HealthProject.objects.create(structure=structure)
    authors = [UserFactory() for _ in range(3)]
    for user in authors:
        MembershipFactory(structure=structure, user=user)
    for i in range(count):
        project.save_section(Section.ACCESS, f"Texte {i}", by=authors[i % 3])
    project.restore(project.versions.get(number=1), by=member)
    client = client_for(member)
    # 1 session, 2 user, 3 structure (private_to), 4 project, 5 count of versions,
    # 6 page of versions with authors, their professions and restored_from,
    # 7 may the member write (restore buttons)?
    with django_assert_num_queries(7):
        response = client.get(url("health_project_versions", structure))
    assert response.status_code == 200


def test_first_save_starts_the_project(client_for, coordinator, structure):
    response = client_for(coordinator).post(
        url("health_project_edit_section", structure, Section.HEALTH_NEEDS.value),
        {"text": "Accès à un médecin traitant.", "comment": "", "base_version": 0},
    )
    assert response.status_code == 302
    project = HealthProject.objects.get(structure=structure)
    assert project.versions.get().content == {Section.HEALTH_NEEDS: "Accès à un médecin traitant."}


def test_editing_after_rework_reopens_the_draft(
    client_for, coordinator, member, staff, project, structure
):
    project.submit(by=coordinator)
    project.request_rework(by=staff)
    page = text(client_for(member).get(url("health_project", structure)))
    assert "Reprendre la rédaction" in page
    response = client_for(member).post(
        url("health_project_edit_section", structure, Section.TERRITORY.value),
        {"text": "Quatorze communes.", "comment": "Demande de l'ARS", "base_version": 2},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    assert project.versions.get(number=3).comment == "Demande de l'ARS"


@pytest.mark.parametrize(
    "base_version, reason",
    [
        (None, "absent"),
        ("", "empty"),
        ("abc", "not a number"),
        ("-1", "negative"),
        ("99", "unknown"),
    ],
)
def test_a_section_save_without_a_valid_base_version_is_refused(
    client_for, coordinator, structure, base_version, reason
):
    """The concurrent-edit check cannot be skipped by leaving its field out."""
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes.", by=coordinator)
    data = {"text": "Treize communes.", "comment": ""}
    if base_version is not None:
        data["base_version"] = base_version
    response = client_for(coordinator).post(
        url("health_project_edit_section", structure, Section.TERRITORY.value), data
    )
    assert response.status_code == 200, reason
    assert "ne dit pas de quelle version du projet il part" in html.unescape(
        response.content.decode()
    )
    assert project.versions.count() == 1
