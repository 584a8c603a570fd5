"""Cooperation list pages cost a fixed number of SQL queries whatever the
number of declarations and months (each page is paginated)."""

import datetime

import pytest
from django.urls import reverse

from protocols.cooperation.models import MonthlyActivity
from structures.models import Membership
from tests.protocols.cooperation.factories import DeclarationFactory, msp_with_aci, national

pytestmark = pytest.mark.django_db

CODES = ["cystite", "angine", "rhino-conjonctivite", "varicelle", "cheville", "lombalgie"]


def populate(coordinator, structures: int):
    """`structures` MSPs, each with every protocol declared and 12 months of counts."""
    for index in range(structures):
        msp = msp_with_aci(name=f"MSP de mesure {index}")
        Membership.objects.create(user=coordinator, structure=msp, role="coordinateur")
        for code in CODES:
            declaration = DeclarationFactory(structure=msp, protocol=national(code))
            has_reevaluation = declaration.protocol.has_reevaluation
            MonthlyActivity.objects.bulk_create(
                MonthlyActivity(
                    declaration=declaration,
                    month=datetime.date(2025, month, 1),
                    inclusions=5,
                    reevaluations=2 if has_reevaluation else 0,
                )
                for month in range(1, 13)
            )
    return msp


def _count(client, django_assert_num_queries, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url, {"annee": 2025})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [1, 4])
def test_index_queries(client, coordinator, django_assert_num_queries, size):
    populate(coordinator, size)
    client.force_login(coordinator)
    # session, user, count of the visible declarations, the page's declarations
    # (structure and protocol joined), their activities of the year, the
    # structures the user edits.
    _count(client, django_assert_num_queries, reverse("cooperation:index"), 6)


@pytest.mark.parametrize("size", [1, 4])
def test_structure_page_queries(client, coordinator, django_assert_num_queries, size):
    msp = populate(coordinator, size)
    client.force_login(coordinator)
    url = reverse("cooperation:structure", args=[msp.pk])
    # session, user, the structure (private_to), count, the page's declarations,
    # their activities of the year, may the user edit.
    _count(client, django_assert_num_queries, url, 7)


@pytest.mark.parametrize("size", [1, 4])
def test_overview_queries(client, coordinator, staff, django_assert_num_queries, size):
    populate(coordinator, size)
    client.force_login(staff)
    # session, user, second factor, departments of the filter; for the summary
    # every declared one with its EPCIs (departments joined) and its year's
    # activities; for the page: count, declarations, EPCIs, activities; the
    # protocols of the filter.
    _count(client, django_assert_num_queries, reverse("cooperation:overview"), 12)
