"""The RCPs' lines of the dashboard's « À faire » list: the minutes to write
then to validate (organisers), one's open decisions, the invitations one has
not answered — each once, saying what to do and for which meeting (its day
with the weekday), linking to where one acts, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.templatetags.french_dates import day_fr
from gecolib.todos import todos_for
from protocols.rcp import dashboard
from protocols.rcp.enums import Answer
from protocols.rcp.minutes import validate_minutes
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def _keys(user) -> list[str]:
    return [todo.key for todo in dashboard.todos(user)]


def _sent(meeting):
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    return meeting


def _validated(structure, coordinator):
    """A held meeting whose minutes are validated: no minutes to write."""
    meeting = MeetingFactory(structure=structure, past=True, minutes_text="Tour de table.")
    validate_minutes(meeting, by=coordinator)
    return meeting


def test_the_minutes_of_a_held_meeting_to_write_then_to_validate(
    client_for, structure, coordinator, member
):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(-2), title="RCP de rentrée")
    (todo,) = dashboard.todos(coordinator)
    assert todo.key == f"rcp-minutes-write-{meeting.pk}"
    assert todo.label == f"Rédiger le compte rendu de la RCP du {day_fr(meeting.date)}"
    assert day_fr(meeting.date).split()[0] in {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"
    }  # fmt: skip
    assert todo.url == reverse("rcp:minutes_edit", args=[meeting.pk])
    assert todo.topic == "RCP"
    assert todo.due == meeting.date + datetime.timedelta(days=3)
    # The minutes are the organisers' to write: not the member's.
    assert dashboard.todos(member) == []
    # A draft saved: what is left is validating it, from the meeting's page.
    response = client_for(coordinator).post(
        reverse("rcp:minutes_edit", args=[meeting.pk]),
        {"minutes_text": "Tour de table.", "base_version": 0},
    )
    assert response.status_code == 302
    (todo,) = dashboard.todos(coordinator)
    assert todo.key == f"rcp-minutes-validate-{meeting.pk}"
    assert todo.label == f"Valider le compte rendu de la RCP du {day_fr(meeting.date)}"
    assert todo.url == meeting.get_absolute_url() + "#compte-rendu"
    validate_minutes(meeting, by=coordinator)
    assert dashboard.todos(coordinator) == []


def test_no_minutes_to_write_for_a_cancelled_or_coming_meeting(structure, coordinator):
    MeetingFactory(structure=structure)  # to come
    cancelled = MeetingFactory(structure=structure)
    cancelled.cancel()
    cancelled.starts_at = in_days(-3)
    cancelled.save(update_fields=["starts_at"])
    assert dashboard.todos(coordinator) == []


def test_my_open_decisions_each_once_until_done_or_abandoned(
    client_for, structure, coordinator, member
):
    meeting = _validated(structure, coordinator)
    mine = DecisionFactory(meeting=meeting, owner=member, text="Appeler le SSIAD du secteur")
    other = DecisionFactory(meeting=meeting, owner=member, text="Revoir l'ordonnance")
    DecisionFactory(meeting=meeting, owner=coordinator)  # not the member's
    todos = dashboard.todos(member)
    assert [todo.key for todo in todos] == [f"rcp-decision-{mine.pk}", f"rcp-decision-{other.pk}"]
    todo = todos[0]
    assert todo.label == (
        f"Appeler le SSIAD du secteur (décision de la RCP du {day_fr(meeting.date)})"
    )
    assert todo.url == meeting.get_absolute_url() + f"#decision-{mine.pk}"
    assert todo.due == mine.due_date
    # The link leads to the decision's row, with the form that marks it done.
    page = client_for(member).get(todo.url).content.decode()
    assert f'id="decision-{mine.pk}"' in page
    assert reverse("rcp:decision_close", args=[mine.pk]) in page
    # The dashboard lists it once, though its panel shows it too.
    assert [t.key for t in todos_for(member)].count(todo.key) == 1
    mine.mark_done(by=member)
    other.abandon(by=coordinator, comment="Le patient a déménagé")
    assert dashboard.todos(member) == []


def test_a_long_decision_is_shortened_in_its_todo(structure, coordinator, member):
    meeting = _validated(structure, coordinator)
    DecisionFactory(meeting=meeting, owner=member, text="Organiser " + "une rencontre " * 30)
    (todo,) = dashboard.todos(member)
    assert "…" in todo.label and len(todo.label) < 150


def test_a_member_who_left_loses_the_decisions_todos(structure, coordinator):
    leaving = MembershipFactory(structure=structure).user
    meeting = _validated(structure, coordinator)
    DecisionFactory(meeting=meeting, owner=leaving)
    assert len(dashboard.todos(leaving)) == 1
    leaving.memberships.update(end_date=timezone.localdate())
    assert dashboard.todos(leaving) == []


def test_the_invitations_to_answer_lead_to_the_answer_page(client_for, structure, member):
    meeting = _sent(MeetingFactory(structure=structure, title="RCP de rentrée"))
    MeetingFactory(structure=structure)  # its agenda not sent yet: no invitation received
    (todo,) = dashboard.todos(member)
    invitee = meeting.invitees.get(user=member)
    assert todo.key == f"rcp-answer-{invitee.pk}"
    assert todo.label == f"Répondre à l'invitation à la RCP du {day_fr(meeting.date)}"
    assert todo.url == reverse("rcp:answer", args=[invitee.token])
    assert todo.due == meeting.date
    client = client_for(member)
    assert client.get(todo.url).status_code == 200
    client.post(todo.url, {"answer": Answer.MAYBE})
    invitee.refresh_from_db()
    assert invitee.answer == Answer.MAYBE
    assert dashboard.todos(member) == []


def test_no_answer_awaited_for_a_cancelled_or_past_meeting(structure, member):
    cancelled = _sent(MeetingFactory(structure=structure))
    cancelled.cancel()
    _sent(MeetingFactory(structure=structure, past=True))
    assert dashboard.todos(member) == []


def test_the_home_page_lists_the_rcp_todos(client_for, structure, coordinator, member):
    past = MeetingFactory(structure=structure, past=True)
    coming = _sent(MeetingFactory(structure=structure))
    html = client_for(coordinator).get(reverse("home")).content.decode()
    assert f"Rédiger le compte rendu de la RCP du {day_fr(past.date)}" in html
    assert f"Répondre à l&#x27;invitation à la RCP du {day_fr(coming.date)}" in html


def _world(structure, coordinator, member, size: int) -> None:
    for _ in range(size):
        MeetingFactory(structure=structure, past=True)
        _sent(MeetingFactory(structure=structure))
        decided = MeetingFactory(structure=structure, past=True)
        DecisionFactory(meeting=decided, owner=coordinator)
        DecisionFactory(meeting=decided, owner=member)


@pytest.mark.parametrize("size", [1, 6])
def test_the_todos_cost_a_fixed_number_of_queries(
    django_assert_num_queries, structure, coordinator, member, size
):
    _world(structure, coordinator, member, size)
    # Queries: the proposals, the minutes, the decisions, the invitations.
    with django_assert_num_queries(4):
        todos = dashboard.todos(coordinator)
    # Minutes of 2 × size meetings, size decisions, size invitations.
    assert len(todos) == 4 * size
    with django_assert_num_queries(4):
        assert len(dashboard.todos(member)) == 2 * size
