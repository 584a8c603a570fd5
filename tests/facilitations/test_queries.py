"""Lists cost a fixed number of SQL queries whatever the data size."""

import pytest
from django.urls import reverse

from facilitations import dashboard
from facilitations.models import Facilitation
from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    SessionFactory,
)
from tests.factories import (
    AssignmentFactory,
    FacilitationFactory,
    MembershipFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db


def _facilitations(n, facilitator, project_officer):
    for i in range(n):
        facilitation = FacilitationFactory(structure=StructureFactory(name=f"ESP {i:02d}"))
        AssignmentFactory(facilitation=facilitation, user=facilitator)
        AssignmentFactory(facilitation=facilitation, user=project_officer)
        SessionFactory(facilitation=facilitation)
        FollowUpFactory(facilitation=facilitation, overdue=bool(i % 2))


@pytest.mark.parametrize("size", [3, 30])
def test_workspace_query_count(
    client, facilitator, project_officer, size, django_assert_num_queries
):
    _facilitations(size, facilitator, project_officer)
    client.force_login(facilitator)
    # 1 session, 2 user, 3 TOTP authenticator (MFA), 4 current charter,
    # 5 charter accepted, 6 paginator count, 7 the page's ids (sorted on the
    # facilitations' own columns), 8 those facilitations with last/next
    # session dates and overdue counts (subqueries), 9 open binôme with users,
    # 10 departments of the filter form
    with django_assert_num_queries(10):
        response = client.get(reverse("facilitations:workspace"))
    assert len(response.context["page"].object_list) == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_staff_workspace_query_count(
    client, staff, facilitator, project_officer, size, django_assert_num_queries
):
    _facilitations(size, facilitator, project_officer)
    client.force_login(staff)
    # 1 session, 2 user, 3 TOTP authenticator, 4 paginator count, 5 the
    # page's ids, 6 those facilitations with activity, 7 open binôme with
    # users, 8 departments
    with django_assert_num_queries(8):
        response = client.get(reverse("facilitations:workspace"), {"scope": "toutes"})
    assert len(response.context["page"].object_list) == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_triage_query_count(client, staff, size, django_assert_num_queries):
    for _ in range(size):
        FacilitationRequestFactory()
    client.force_login(staff)
    # 1 session, 2 user, 3 TOTP authenticator, 4 paginator count, 5 the
    # page's ids, 6 those requests with requester, structure, EPCI,
    # department and reviewer and their unread count (subquery), 7 their
    # needs, 8 requests with an unread message (count), 9 departments and
    # 10 needs of the filter form
    with django_assert_num_queries(10):
        response = client.get(reverse("facilitations:triage"))
    assert len(response.context["page"].object_list) == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_request_list_query_count(client, professional, size, django_assert_num_queries):
    for _ in range(size):
        FacilitationRequestFactory(requester=professional)
    client.force_login(professional)
    # 1 session, 2 user, 3 paginator count, 4 requests, 5 their needs
    with django_assert_num_queries(5):
        response = client.get(reverse("facilitations:request_list"))
    assert len(response.context["page"].object_list) == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_panels_query_count(
    staff, facilitator, project_officer, professional, size, django_assert_num_queries
):
    _facilitations(size, facilitator, project_officer)
    for _ in range(size):
        FacilitationRequestFactory(requester=professional)
    # staff: open requests count, those with an unread message, the oldest few
    with django_assert_num_queries(3):
        panels = dashboard.panels(staff)
    assert panels[0][1]["open_count"] == size
    # facilitator: their facilitations (first few) + count; their teams'
    # facilitations (none: theirs are excluded, no panel); their requests
    # (none: no panel asking whether their team has a project)
    with django_assert_num_queries(4):
        panels = dashboard.panels(facilitator)
    assert panels[0][1]["total"] == size
    assert panels[0][1]["facilitations"][0].overdue_count == 1
    assert [template for template, _ in panels] == ["facilitations/panels/_my_facilitations.html"]
    # professional: their teams' facilitations; their latest requests
    with django_assert_num_queries(2):
        panels = dashboard.panels(professional)
    assert len(panels[0][1]["requests"]) == min(size, 5)
    assert panels[0][1]["more"] is (size > 5)


@pytest.mark.parametrize("size", [3, 30])
def test_team_panel_query_count(
    facilitator, project_officer, professional, size, django_assert_num_queries
):
    """The panel of a member of many facilitated teams: one query, five rows."""
    _facilitations(size, facilitator, project_officer)
    for facilitation in Facilitation.objects.select_related("structure"):
        MembershipFactory(structure=facilitation.structure, user=professional)
    # 1 my teams' facilitations with activity, 2 my latest requests
    with django_assert_num_queries(2):
        panels = dashboard.panels(professional)
    assert panels[0][0] == "facilitations/panels/_my_teams.html"
    assert len(panels[0][1]["facilitations"]) == min(size, 5)


def test_dashboard_renders_the_panels(client, staff, professional):
    FacilitationRequestFactory(requester=professional, project_name="Projet de Broons")
    client.force_login(professional)
    page = client.get(reverse("home")).content.decode()
    assert "Mes demandes d&#x27;accompagnement" in page or "Mes demandes d'accompagnement" in page
    assert "Projet de Broons" in page
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    assert "Demandes à traiter" in page and "Projet de Broons" in page
