"""Dashboard panels of the structures app."""

import pytest
from django.urls import reverse

from structures import dashboard
from structures.enums import MembershipRole
from tests.structures.factories import (
    CarpecReviewFactory,
    CarpecSessionFactory,
    InvitationFactory,
    MembershipFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db


def test_my_structures_panel(client_for, coordinator, structure):
    InvitationFactory(structure=structure)
    InvitationFactory(structure=structure)
    html = client_for(coordinator).get(reverse("home")).content.decode()
    assert "Mes structures" in html
    assert "ESP des Abers" in html
    assert "4. Rédaction du projet de santé" in html
    assert "2 invitations en attente" in html


def test_member_does_not_see_invitation_counts(client_for, member, structure):
    InvitationFactory(structure=structure)
    html = client_for(member).get(reverse("home")).content.decode()
    assert "ESP des Abers" in html
    assert "invitation en attente" not in html


def test_professional_without_structure_has_no_panel(professional):
    assert dashboard.panels(professional) == []


def test_staff_panel_shows_next_session(client_for, staff, structure):
    session = CarpecSessionFactory()
    CarpecReviewFactory(structure=structure, session=session)
    html = client_for(staff).get(reverse("home")).content.decode()
    assert "Prochaine séance CARPEC" in html
    assert reverse("structures:carpec_session", args=[session.pk]) in html
    assert "ESP des Abers" in html


@pytest.mark.parametrize("size", [2, 20])
def test_panels_use_a_fixed_number_of_queries(django_assert_num_queries, staff, size):
    session = CarpecSessionFactory()
    for _ in range(size):
        structure = StructureFactory()
        MembershipFactory(structure=structure, user=staff, role=MembershipRole.COORDINATOR)
        InvitationFactory(structure=structure)
        CarpecReviewFactory(structure=structure, session=session)
    # Memberships with structures and invitation counts; the invitations waiting
    # for the user's answer; the next session; its reviews.
    with django_assert_num_queries(4):
        panels = dashboard.panels(staff)
        assert len(panels[0][1]["memberships"]) == size
        assert len(panels[1][1]["session"].reviews.all()) == size
