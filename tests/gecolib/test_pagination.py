"""Pages read ids first: same rows, same order, as a plain paginator; the
sort reads the main table only, and the full rows are fetched for the page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gecolib.models import User
from gecolib.pagination import IdsFirstPaginator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    # Same last names on purpose: the order needs its tie-breakers.
    return [UserFactory(last_name=["Le Gall", "Tanguy", "Abgrall"][i % 3]) for i in range(23)]


def listing():
    return User.objects.select_related("profession", "epci").order_by("last_name", "-pk")


@pytest.mark.parametrize("orphans", [0, 4])
def test_same_pages_as_a_plain_paginator(people, orphans):
    plain = Paginator(listing(), 5, orphans=orphans)
    ids_first = IdsFirstPaginator(listing(), 5, orphans=orphans)
    assert ids_first.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(ids_first.page(number)) == list(plain.page(number))


def test_the_sort_reads_narrow_rows_then_the_page(people):
    paginator = IdsFirstPaginator(listing(), 5)
    paginator.count  # noqa: B018  (counted apart)
    with CaptureQueriesContext(connection) as queries:
        page = list(paginator.page(3))
    ids_query, rows_query = (query["sql"] for query in queries.captured_queries)
    assert "JOIN" not in ids_query and "ORDER BY" in ids_query
    assert "JOIN" in rows_query and "ORDER BY" not in rows_query
    # Related rows come with the page (no query per row).
    with CaptureQueriesContext(connection) as queries:
        [person.profession for person in page]
    assert len(queries) == 0


def test_empty_list_and_out_of_range_page(db):
    paginator = IdsFirstPaginator(User.objects.order_by("pk"), 5)
    assert list(paginator.get_page(1)) == []
    UserFactory.create_batch(3)
    paginator = IdsFirstPaginator(User.objects.order_by("pk"), 5)
    assert [user.pk for user in paginator.get_page(9)] == sorted(
        User.objects.values_list("pk", flat=True)
    )
