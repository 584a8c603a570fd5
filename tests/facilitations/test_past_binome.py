"""Only the current binôme writes (issue 8, finding 9): a facilitator whose
assignment ended keeps reading the facilitation and its structure's health
project, and writes nothing any more."""

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.facilitations.factories import FollowUpFactory, SessionFactory
from tests.factories import UserFactory, accept_charter, activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_over(facilitation, facilitator, staff, coordinator, member):
    """`facilitator` handed the facilitation over to a successor."""
    successor = UserFactory(email="relais@exemple.fr", facilitator=True)
    accept_charter(successor)
    activate_totp(successor)
    facilitation.assign(user=successor, by=staff)
    project = HealthProject.objects.create(structure=facilitation.structure)
    project.save_section(Section.TERRITORY, "Douze communes.", by=coordinator)
    return {
        "facilitation": facilitation,
        "structure": facilitation.structure,
        "successor": successor,
        "session": SessionFactory(facilitation=facilitation),
        "follow_up": FollowUpFactory(facilitation=facilitation, assignee=member),
    }


def _writes(ctx):
    structure, facilitation = ctx["structure"], ctx["facilitation"]
    hp = [structure.pk]
    return [
        (
            reverse("structures:health_project_edit_section", args=[*hp, Section.ACCESS.value]),
            {"text": "Nouveau texte.", "comment": "", "base_version": 1},
        ),
        (reverse("structures:health_project_restore", args=[*hp, 1]), {}),
        (reverse("structures:health_project_transition", args=[*hp, "reopen"]), {}),
        (
            reverse("facilitations:session_create", args=[facilitation.pk]),
            {"date": "2026-01-01", TOKEN_FIELD: new_token()},
        ),
        (reverse("facilitations:session_edit", args=[ctx["session"].pk]), {}),
        (
            reverse("facilitations:followup_create", args=[facilitation.pk]),
            {"title": "Relancer", "due_date": "2030-01-01", TOKEN_FIELD: new_token()},
        ),
        (reverse("facilitations:followup_toggle", args=[ctx["follow_up"].pk]), {}),
        (reverse("facilitations:status", args=[facilitation.pk]), {"action": "pause"}),
        (reverse("facilitations:close", args=[facilitation.pk]), {}),
    ]


def test_a_past_binome_member_reads(client_for, facilitator, handed_over):
    client = client_for(facilitator)
    structure, facilitation = handed_over["structure"], handed_over["facilitation"]
    for url in (
        reverse("facilitations:detail", args=[facilitation.pk]),
        reverse("structures:health_project", args=[structure.pk]),
        reverse("structures:health_project_versions", args=[structure.pk]),
        reverse("structures:health_project_version", args=[structure.pk, 1]),
        reverse("structures:health_project_pdf", args=[structure.pk]),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("structures:health_project", args=[structure.pk])).content.decode()
    assert "Modifier « " not in page


def test_a_past_binome_member_writes_nothing(client_for, facilitator, handed_over):
    client = client_for(facilitator)
    project = HealthProject.objects.get(structure=handed_over["structure"])
    for url, data in _writes(handed_over):
        assert client.post(url, data).status_code == 403, url
    assert project.versions.count() == 1
    facilitation = handed_over["facilitation"]
    facilitation.refresh_from_db()
    assert facilitation.status == "en_cours"
    assert facilitation.sessions.count() == 1
    assert facilitation.follow_ups.count() == 1
    handed_over["follow_up"].refresh_from_db()
    assert not handed_over["follow_up"].is_done


def test_the_successor_writes(client_for, handed_over):
    client = client_for(handed_over["successor"])
    structure = handed_over["structure"]
    edit = "structures:health_project_edit_section"
    response = client.post(
        reverse(edit, args=[structure.pk, Section.ACCESS.value]),
        {"text": "Nouveau texte.", "comment": "", "base_version": 1},
    )
    assert response.status_code == 302
    assert HealthProject.objects.get(structure=structure).versions.count() == 2
    toggle = reverse("facilitations:followup_toggle", args=[handed_over["follow_up"].pk])
    assert client.post(toggle).status_code == 302
