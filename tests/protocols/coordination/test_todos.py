"""The coordination protocols' lines of the dashboard's « À faire » list:
answers awaited, reviews due (for who may edit), a fixed number of queries."""

import datetime
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from gecolib.todos import todos_for
from protocols.coordination import dashboard
from protocols.coordination.enums import Answer, ProtocolStatus
from protocols.coordination.models import ValidationRound
from structures.enums import MembershipRole
from tests.factories import MembershipFactory
from tests.protocols.coordination.factories import ProtocolFactory, protocol_with_steps

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def test_an_answer_awaited_is_one_line_leading_to_the_answer_page(structure, coordinator, member):
    protocol = protocol_with_steps(1, structure=structure, title="Plaies chroniques")
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    [todo] = dashboard.answer_todos(member)
    assert todo.key == f"protocol-answer-{validation_round.pk}"
    assert todo.label == (
        f"Donner votre avis sur le protocole « Plaies chroniques » ({structure.name}), "
        f"demandé par {coordinator.display_name}"
    )
    assert todo.url == reverse("protocols:protocol_answer", args=[validation_round.pk])
    assert todo.topic == "Protocole" and todo.since == _today()
    # A request has no deadline: the line is never late.
    assert todo.due is None and not todo.overdue
    # Answered (even with a réserve): nothing left to do.
    validation_round.record_answer(member=member, answer=Answer.RESERVE, comment="Étape 2 ?")
    assert dashboard.answer_todos(member) == []


def test_a_closed_request_leaves_no_to_do(structure, coordinator, member):
    protocol = protocol_with_steps(1, structure=structure)
    ValidationRound.open(protocol, by=coordinator, members=[member])
    protocol.validate(by=coordinator, date=_today(), agreed_by=[coordinator, member])
    assert dashboard.answer_todos(member) == []


def test_reviews_are_for_who_may_edit(structure, coordinator, member):
    due = ProtocolFactory(
        structure=structure,
        title="Chutes",
        status=ProtocolStatus.IN_USE,
        review_date=_today() + datetime.timedelta(days=10),
    )
    [todo] = dashboard.review_todos(coordinator)
    assert todo.key == f"protocol-review-{due.pk}" and todo.topic == "Protocole"
    assert todo.url == due.get_absolute_url() and todo.due == due.review_date
    assert "Réviser le protocole « Chutes »" in todo.label and "révision prévue le" in todo.label
    # A plain member may not edit it: not their to-do…
    assert dashboard.review_todos(member) == []
    # …unless named among its authors.
    due.authors.add(member)
    assert [t.key for t in dashboard.review_todos(member)] == [todo.key]
    # A référent may edit too.
    referent = MembershipFactory(structure=structure, role=MembershipRole.REFERENT).user
    assert [t.key for t in dashboard.review_todos(referent)] == [todo.key]


def test_which_reviews_are_due(structure, coordinator):
    today = _today()
    passed = ProtocolFactory(
        structure=structure,
        title="Dépassé",
        status=ProtocolStatus.VALIDATED,
        review_date=today - datetime.timedelta(days=3),
    )
    marked = ProtocolFactory(structure=structure, title="Marqué", status=ProtocolStatus.TO_REVIEW)
    ProtocolFactory(
        structure=structure,
        title="Plus tard",
        status=ProtocolStatus.IN_USE,
        review_date=today + datetime.timedelta(days=31),
    )
    ProtocolFactory(
        structure=structure,
        title="Archivé",
        status=ProtocolStatus.ARCHIVED,
        review_date=today - datetime.timedelta(days=3),
    )
    todos = {todo.key: todo for todo in dashboard.review_todos(coordinator)}
    assert set(todos) == {f"protocol-review-{passed.pk}", f"protocol-review-{marked.pk}"}
    assert "révision dépassée depuis le" in todos[f"protocol-review-{passed.pk}"].label
    assert todos[f"protocol-review-{passed.pk}"].overdue
    assert "marqué « à réviser »" in todos[f"protocol-review-{marked.pk}"].label


def test_the_dashboard_shows_them_in_the_to_do_list(client_for, structure, coordinator, member):
    protocol = protocol_with_steps(1, structure=structure, title="Anticoagulants")
    ValidationRound.open(protocol, by=coordinator, members=[member, coordinator])
    ProtocolFactory(
        structure=structure,
        title="Chutes",
        status=ProtocolStatus.IN_USE,
        review_date=_today() + datetime.timedelta(days=5),
    )
    keys = {todo.key for todo in todos_for(coordinator)}
    assert {k.rsplit("-", 1)[0] for k in keys} >= {"protocol-answer", "protocol-review"}
    page = html.unescape(client_for(coordinator).get("/").content.decode())
    assert "Donner votre avis sur le protocole « Anticoagulants »" in page
    assert "Réviser le protocole « Chutes »" in page
    # No panel says the same things again.
    assert "Protocoles en attente de votre avis" not in page
    assert "Protocoles à réviser" not in page


def test_nothing_for_a_visitor():
    assert dashboard.todos(AnonymousUser()) == []


@pytest.mark.parametrize("size", [2, 12])
def test_a_fixed_number_of_queries(structure, coordinator, member, size, django_assert_num_queries):
    today = _today()
    for index in range(size):
        protocol = protocol_with_steps(1, structure=structure, title=f"Protocole {index}")
        ValidationRound.open(protocol, by=coordinator, members=[member, coordinator])
        ProtocolFactory(
            structure=structure,
            status=ProtocolStatus.IN_USE,
            review_date=today + datetime.timedelta(days=index),
        )
    # The answers awaited, the reviews due.
    with django_assert_num_queries(2):
        todos = dashboard.todos(coordinator)
    assert len(todos) == 2 * size
