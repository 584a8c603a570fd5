"""The guardrails of tests/conftest.py fail when they should."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.paginator import Paginator, UnorderedObjectListWarning
from django.db.models import Count

from gecolib.models import User
from tests.conftest import UnorderedSlice, use_key_prefix

pytestmark = pytest.mark.django_db


# -- a cache key prefix per test -------------------------------------------------------------


def test_every_cache_has_a_key_prefix_of_its_own(_cache_per_test):
    for alias in caches.settings:
        assert caches[alias].key_prefix.endswith(f":{_cache_per_test}")


@pytest.mark.parametrize("turn", [1, 2])
def test_a_test_never_reads_what_another_cached(turn):
    # Whichever of the two runs second (here or in another xdist worker)
    # starts with an empty cache.
    assert cache.get("guardrails-shared") is None
    cache.set("guardrails-shared", turn, 600)
    assert cache.get("guardrails-shared") == turn


def test_the_same_key_under_two_prefixes_holds_two_values(_cache_per_test):
    cache.set("clef", "premier test")
    use_key_prefix("un-autre-test")
    assert cache.get("clef") is None
    cache.set("clef", "second test")
    use_key_prefix(_cache_per_test)
    assert cache.get("clef") == "premier test"
    use_key_prefix("un-autre-test")
    assert cache.get("clef") == "second test"
    cache.delete("clef")
    use_key_prefix(_cache_per_test)


# -- Paginator over an unordered QuerySet ----------------------------------------------------


def test_a_paginator_over_an_unordered_queryset_is_an_error():
    assert not Group.objects.all().ordered
    with pytest.raises(UnorderedObjectListWarning):
        Paginator(Group.objects.all(), 10)


def test_a_paginator_over_an_ordered_queryset_is_fine():
    Group.objects.create(name="A")
    assert Paginator(Group.objects.order_by("name"), 10).page(1).object_list[0].name == "A"
    # Meta.ordering counts as an order.
    Paginator(User.objects.all(), 10).page(1)


# -- sliced queries without ORDER BY ---------------------------------------------------------


@pytest.fixture
def groups(db):
    return [Group.objects.create(name=name) for name in "ABC"]


@pytest.mark.parametrize(
    "sliced",
    [
        pytest.param(lambda: list(Group.objects.all()[:2]), id="limit"),
        pytest.param(lambda: list(Group.objects.all()[1:]), id="offset"),
        pytest.param(lambda: Group.objects.all()[2], id="index"),
        pytest.param(lambda: list(Group.objects.values_list("name", flat=True)[:5]), id="values"),
        pytest.param(
            lambda: list(User.objects.values("is_staff").annotate(n=Count("pk"))[:5]),
            id="group-by-drops-meta-ordering",
        ),
        pytest.param(
            lambda: list(User.objects.filter(groups__in=Group.objects.all()[:2])),
            id="subquery",
        ),
        pytest.param(
            lambda: list(Group.objects.union(Group.objects.all())[:2]),
            id="union",
        ),
    ],
)
def test_a_sliced_query_without_order_by_is_an_error(groups, unordered_slice_guard, sliced):
    with pytest.raises(UnorderedSlice, match="sans ORDER BY"):
        sliced()
    assert unordered_slice_guard.violations
    unordered_slice_guard.violations.clear()


def test_a_swallowed_violation_still_fails_the_test(groups, unordered_slice_guard):
    try:
        list(Group.objects.all()[:2])
    except Exception:  # noqa: BLE001 - what careless code might do
        pass
    # The fixture's teardown would fail the test with this message.
    assert len(unordered_slice_guard.violations) == 1
    assert "Group" in unordered_slice_guard.violations[0]
    unordered_slice_guard.violations.clear()


@pytest.mark.parametrize(
    "sliced",
    [
        pytest.param(lambda: list(Group.objects.order_by("name")[:2]), id="order-by"),
        pytest.param(lambda: list(Group.objects.order_by("name")[1:]), id="order-by-offset"),
        pytest.param(lambda: list(User.objects.all()[:5]), id="meta-ordering"),
        pytest.param(lambda: Group.objects.all()[0], id="any-one"),
        pytest.param(lambda: Group.objects.first(), id="first"),
        pytest.param(lambda: Group.objects.get(name="A"), id="get"),
        pytest.param(lambda: Group.objects.exists(), id="exists"),
        pytest.param(lambda: repr(Group.objects.all()), id="repr"),
        pytest.param(lambda: Group.objects.count(), id="count"),
        pytest.param(lambda: list(Group.objects.all()), id="not-sliced"),
        pytest.param(
            lambda: list(User.objects.filter(groups__in=Group.objects.order_by("pk")[:2])),
            id="ordered-subquery",
        ),
    ],
)
def test_ordered_or_harmless_slices_are_fine(groups, unordered_slice_guard, sliced):
    sliced()
    assert unordered_slice_guard.violations == []
