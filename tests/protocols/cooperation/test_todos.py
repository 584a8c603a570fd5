"""The cooperation protocols' lines of the dashboard's « À faire » list: last
month's counts to enter, for the coordinators and référents of the
structure, due on the 10th; a fixed number of queries."""

import datetime
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from gecolib.todos import todos_for
from protocols.cooperation.dashboard import counts_todos
from protocols.cooperation.models.declarations import DeclarationStatus
from structures.enums import MembershipRole
from tests.factories import MembershipFactory
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    msp_with_aci,
    national,
)

pytestmark = pytest.mark.django_db

# A day of November 2025: October's counts are due on 10 November.
TODAY = datetime.date(2025, 11, 4)


@pytest.fixture
def msp(coordinator):
    msp = msp_with_aci(name="MSP du Trégor")
    msp.memberships.create(user=coordinator, role=MembershipRole.COORDINATOR)
    return msp


def test_last_months_counts_to_enter_are_one_line_each(msp, coordinator):
    declaration = DeclarationFactory(structure=msp, protocol=national("cystite"))
    [todo] = counts_todos(coordinator, today=TODAY)
    # « d'octobre »: elided before the month's vowel.
    assert todo.label == "Saisir l'activité d'octobre 2025 pour « Cystite » (MSP du Trégor)"
    assert todo.url == reverse("cooperation:activity", args=[declaration.pk]) + "?mois=2025-10"
    assert todo.due == datetime.date(2025, 11, 10)
    assert todo.key == f"cooperation-counts-{declaration.pk}-2025-10"
    assert todo.topic == "Protocole de coopération"
    # Past the 10th, the line is late.
    [late] = counts_todos(coordinator, today=datetime.date(2025, 11, 12))
    assert late.due == datetime.date(2025, 11, 10) and late.overdue
    # Entered: nothing left to do.
    ActivityFactory(declaration=declaration, month=datetime.date(2025, 10, 1))
    assert counts_todos(coordinator, today=TODAY) == []
    # A month later, November's counts are the new to-do.
    [november] = counts_todos(coordinator, today=datetime.date(2025, 12, 2))
    assert "Saisir l'activité de novembre 2025" in november.label
    assert november.key == f"cooperation-counts-{declaration.pk}-2025-11"


def test_the_link_opens_the_months_entry(client_for, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    [todo] = counts_todos(coordinator)
    page = client_for(coordinator).get(todo.url).content.decode()
    # The form is set on that month (its two lists, month then year).
    assert f'<option value="{month.month}" selected>' in page
    assert declaration.protocol.short_name in page


def test_only_for_the_coordinators_and_referents(msp, coordinator, member):
    DeclarationFactory(structure=msp)
    msp.memberships.create(user=member)
    referent = MembershipFactory(structure=msp, role=MembershipRole.REFERENT).user
    assert counts_todos(coordinator, today=TODAY)
    assert counts_todos(referent, today=TODAY)
    assert counts_todos(member, today=TODAY) == []
    assert counts_todos(AnonymousUser(), today=TODAY) == []


@pytest.mark.parametrize(
    "options",
    [
        {"status": DeclarationStatus.PREPARATION, "declared_on": None, "ds_number": ""},
        {"status": DeclarationStatus.STOPPED},
        # Declared this month: no whole month to count yet.
        {"declared_on": datetime.date(2025, 11, 2)},
    ],
)
def test_nothing_to_enter_for_a_protocol_not_running_last_month(msp, coordinator, options):
    DeclarationFactory(structure=msp, **options)
    assert counts_todos(coordinator, today=TODAY) == []


def test_the_dashboard_shows_it(client_for, msp, coordinator):
    DeclarationFactory(structure=msp, protocol=national("cystite"))
    assert any(todo.key.startswith("cooperation-counts-") for todo in todos_for(coordinator))
    page = html.unescape(client_for(coordinator).get("/").content.decode())
    assert "pour « Cystite » (MSP du Trégor)" in page


@pytest.mark.parametrize("size", [2, 12])
def test_a_fixed_number_of_queries(coordinator, size, django_assert_num_queries):
    codes = ["cystite", "angine", "lombalgie", "cheville"]
    for index in range(size):
        msp = msp_with_aci(name=f"MSP {index:02d}")
        msp.memberships.create(user=coordinator, role=MembershipRole.COORDINATOR)
        DeclarationFactory(structure=msp, protocol=national(codes[index % len(codes)]))
    # The declarations of the structures the user edits, last month not entered.
    with django_assert_num_queries(1):
        todos = counts_todos(coordinator, today=TODAY)
    assert len(todos) == size
