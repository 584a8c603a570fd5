"""Decision follow-up: owners mark theirs done (htmx), the page filters and
costs a fixed number of queries, the dashboard shows one's open decisions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from protocols.rcp.enums import DecisionStatus
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_owner_marks_done_with_a_comment_by_htmx(client, structure, member):
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client.force_login(member)
    response = client.post(
        reverse("rcp:decision_close", args=[decision.pk]),
        {"action": "done", "comment": "Évaluation faite le 3"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="decision-{decision.pk}"' in response.content.decode()
    assert "Réalisée" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert decision.closing_comment == "Évaluation faite le 3"
    assert decision.done_on_time


def test_a_member_may_not_close_someone_elses_decision(client, structure, member, coordinator):
    decision = DecisionFactory(
        meeting=MeetingFactory(structure=structure, past=True), owner=coordinator
    )
    client.force_login(member)
    response = client.post(reverse("rcp:decision_close", args=[decision.pk]), {"action": "done"})
    assert response.status_code == 403
    response = client.post(
        reverse("rcp:decision_close", args=[decision.pk]), {"action": "abandon", "comment": "x"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN


def test_abandon_needs_a_reason(client, structure, coordinator, member):
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client.force_login(coordinator)
    response = client.post(
        reverse("rcp:decision_close", args=[decision.pk]),
        {"action": "abandon", "comment": ""},
        headers={"HX-Request": "true"},
    )
    assert "pourquoi" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN


def test_filters_by_state_owner_and_meeting(client, structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    today = timezone.localdate()
    overdue = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Relancer la HAD",
        due_date=today - datetime.timedelta(2),
    )
    DecisionFactory(meeting=meeting, owner=coordinator, text="Du coordinateur")
    done = DecisionFactory(meeting=meeting, owner=member, text="Déjà faite")
    done.mark_done(by=member)
    client.force_login(member)
    url = reverse("rcp:decisions", args=[structure.pk])
    content = client.get(url, {"state": "overdue"}).content.decode()
    assert overdue.text in content and "Déjà faite" not in content
    content = client.get(url, {"owner": coordinator.pk}).content.decode()
    assert "Du coordinateur" in content and overdue.text not in content
    content = client.get(url, {"state": "done", "meeting": meeting.pk}).content.decode()
    assert "Déjà faite" in content and "Du coordinateur" not in content


def test_decisions_page_costs_a_fixed_number_of_queries(
    client, structure, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("rcp:decisions", args=[structure.pk])
    meeting = MeetingFactory(structure=structure, past=True)
    DecisionFactory(meeting=meeting, owner=coordinator)
    client.get(url)
    # session, user, structure, organiser check, owners and meetings of the
    # filters, count, page of decisions (owner, profession, meeting, item)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for _ in range(20):
        owner = MembershipFactory(structure=structure).user
        DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=owner)
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.content.decode().count('id="decision-') == 21


QUERIES = 8


def test_dashboard_lists_ones_open_decisions_once(client, structure, member, coordinator):
    """One's open decisions are in the « À faire » list, each once, leading to
    their row on the meeting's page, where they are marked done."""
    meeting = MeetingFactory(structure=structure, past=True)
    mine = DecisionFactory(meeting=meeting, owner=member, text="Appeler le SSIAD")
    DecisionFactory(meeting=meeting, owner=coordinator, text="Pas la mienne")
    client.force_login(member)
    content = client.get(reverse("home")).content.decode()
    assert content.count("Appeler le SSIAD") == 1 and "Pas la mienne" not in content
    row = reverse("rcp:meeting", args=[meeting.pk]) + f"#decision-{mine.pk}"
    assert f'href="{row}"' in content
    response = client.post(
        reverse("rcp:decision_close", args=[mine.pk]),
        {"action": "done", "context": "meeting"},
        headers={"HX-Request": "true"},
    )
    assert "Décision mise à jour." in response.content.decode()
    assert mine.text not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "next_url", ["rcp:index", "not a url", "javascript:alert(1)", "//ailleurs.fr/"]
)
def test_a_next_that_is_not_a_path_of_the_site_falls_back(client, structure, member, next_url):
    """Finding 15: a `next` that is not a URL was reversed as a view name (500)."""
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client.force_login(member)
    response = client.post(
        reverse("rcp:decision_close", args=[decision.pk]), {"action": "done", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("rcp:decisions", args=[structure.pk])
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_a_next_path_of_the_site_is_followed(client, structure, member):
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client.force_login(member)
    response = client.post(
        reverse("rcp:decision_close", args=[decision.pk]), {"action": "done", "next": "/"}
    )
    assert response["Location"] == "/"


def test_the_page_opens_on_open_decisions_most_urgent_first(client, structure, member):
    meeting = MeetingFactory(structure=structure, past=True)
    today = timezone.localdate()
    later = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Réunir les aidants",
        due_date=today + datetime.timedelta(30),
    )
    overdue = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Relancer la HAD",
        due_date=today - datetime.timedelta(3),
    )
    soon = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Appeler le SSIAD",
        due_date=today + datetime.timedelta(2),
    )
    done = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Revoir le traitement",
        due_date=today - datetime.timedelta(9),
    )
    done.mark_done(by=member)
    dropped = DecisionFactory(
        meeting=meeting,
        owner=member,
        text="Visite du domicile",
        due_date=today - datetime.timedelta(8),
    )
    dropped.abandon(by=member, comment="Suivi repris ailleurs")
    client.force_login(member)
    url = reverse("rcp:decisions", args=[structure.pk])

    def order(response) -> list[str]:
        html = response.content.decode()
        shown = [d for d in (overdue, soon, later, done, dropped) if d.text in html]
        return [d.text for d in sorted(shown, key=lambda d: html.index(d.text))]

    page = client.get(url)
    assert order(page) == ["Relancer la HAD", "Appeler le SSIAD", "Réunir les aidants"]
    # « À faire » is the filter's choice, not a filter the visitor set.
    assert '<option value="open" selected>' in page.content.decode()
    assert order(client.get(url, {"state": "done"})) == ["Revoir le traitement"]
    assert order(client.get(url, {"state": "abandoned"})) == ["Visite du domicile"]
    # All of them: those to do first, then the closed ones.
    assert order(client.get(url, {"state": "all"})) == [
        "Relancer la HAD",
        "Appeler le SSIAD",
        "Réunir les aidants",
        "Visite du domicile",
        "Revoir le traitement",
    ]
    # The pages of the list keep the filter.
    assert order(client.get(url, {"state": "all", "page": 1}))[-1] == "Revoir le traitement"
