"""The totals of accounts shown on the staff dashboard and the user list are
counted once, kept in the cache, and forgotten when an account is created,
deleted or (de)activated — not when someone signs in."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.account_counts import account_counts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_counted_once_then_from_the_cache(django_assert_num_queries):
    UserFactory.create_batch(3)
    with django_assert_num_queries(1):
        assert account_counts() == {"all": 3, "active": 3}
    with django_assert_num_queries(0):
        assert account_counts() == {"all": 3, "active": 3}


def test_forgotten_on_creation_deactivation_and_deletion():
    user = UserFactory()
    assert account_counts() == {"all": 1, "active": 1}
    other = UserFactory()
    assert account_counts() == {"all": 2, "active": 2}
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert account_counts() == {"all": 2, "active": 1}
    other.delete()
    assert account_counts() == {"all": 1, "active": 0}


def test_a_sign_in_keeps_the_counts(django_assert_num_queries):
    user = UserFactory()
    account_counts()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    with django_assert_num_queries(0):
        account_counts()


def test_user_list_total_without_counting_the_table(client, staff, django_assert_num_queries):
    UserFactory.create_batch(4)
    client.force_login(staff)
    client.get(reverse("user_list"))  # counts once
    # session, user, MFA check (access gate), the page of users: the total
    # comes from the cache.
    with django_assert_num_queries(4):
        response = client.get(reverse("user_list"))
    assert response.context["page"].paginator.count == 5
    # A search counts what it found.
    response = client.get(reverse("user_list"), {"q": staff.email})
    assert response.context["page"].paginator.count == 1


def test_staff_dashboard_total_follows_a_new_account(client, staff):
    client.force_login(staff)
    client.get(reverse("home"))
    UserFactory.create_batch(2)
    response = client.get(reverse("home"))
    assert (
        '<dt class="col-8 fw-normal">Comptes actifs</dt>'
        '<dd class="col-4 text-end fw-semibold">3</dd>'
    ) in response.content.decode()
