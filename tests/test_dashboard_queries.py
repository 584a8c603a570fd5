"""The signed-in dashboard (every app's panels) costs the same number of SQL
queries whatever the size of the network, for each role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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


def _grow(count: int, *, facilitator, professional) -> None:
    """`count` more structures, each with a member, a request, a
    facilitation of the facilitator with a session and a follow-up."""
    for _ in range(count):
        structure = StructureFactory(recognised=True)
        MembershipFactory(structure=structure)
        MembershipFactory(structure=structure, user=professional)
        FacilitationRequestFactory(requester=professional, structure=structure)
        facilitation = FacilitationFactory(structure=structure)
        AssignmentFactory(facilitation=facilitation, user=facilitator)
        SessionFactory(facilitation=facilitation)
        FollowUpFactory(facilitation=facilitation)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(queries)


def test_dashboards_cost_a_fixed_number_of_queries(client_for, staff, facilitator, professional):
    clients = {
        "staff": client_for(staff),
        "facilitator": client_for(facilitator),
        "professional": client_for(professional),
    }
    _grow(2, facilitator=facilitator, professional=professional)
    small = {role: _queries(client) for role, client in clients.items()}
    _grow(20, facilitator=facilitator, professional=professional)
    large = {role: _queries(client) for role, client in clients.items()}
    assert large == small
