"""« À faire »: one list per person, merged from every app, each thing once,
sorted by date, each line leading to where one acts."""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gecolib import todos as todo_module
from gecolib.todos import Todo, todos_for
from guide.models import Suggestion
from tests.facilitations.factories import FacilitationRequestFactory, FollowUpFactory
from tests.factories import UserFactory
from tests.guide.factories import make_editor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def only_sources(monkeypatch):
    """Replace the apps' sources by the test's own."""

    def use(*sources):
        registry = todo_module._todo_sources
        monkeypatch.setattr(
            registry, "_entries", {f"tests.{index}": source for index, source in enumerate(sources)}
        )

    return use


def test_each_thing_once_sorted_by_date_undated_last(only_sources, professional):
    decision = Todo("rcp-decision-1", "Appeler le SSIAD", "/rcp/decisions/", "RCP", day(3))
    only_sources(
        lambda user: [
            Todo("b", "Relire", "/b/", "Guide"),
            decision,
            Todo("a", "Compter octobre", "/a/", "Coopération", day(-2)),
        ],
        # Another app lists the same decision with an earlier date: one line, the earlier date.
        lambda user: [Todo("rcp-decision-1", "Appeler le SSIAD", "/rcp/", "RCP", day(1))],
    )
    listed = todos_for(professional)
    assert [todo.key for todo in listed] == ["a", "rcp-decision-1", "b"]
    assert listed[1].due == day(1)
    assert listed[0].overdue and not listed[1].overdue and not listed[2].overdue


def test_what_waits_since_a_day_is_never_late(client, only_sources, professional):
    """A request to examine has no deadline: « depuis le … », sorted by that
    day among the dated lines, never « en retard »."""
    only_sources(
        lambda user: [
            Todo("late", "Rendre le compte rendu", "/cr/", "RCP", due=day(-1)),
            Todo("old", "Examiner la demande", "/demande/", "Accompagnement", since=day(-30)),
            Todo("open", "Relire", "/relire/", "Guide"),
        ]
    )
    assert [todo.key for todo in todos_for(professional)] == ["old", "late", "open"]
    assert not todos_for(professional)[0].overdue
    client.force_login(professional)
    html = client.get(reverse("todo_list")).content.decode()
    assert "depuis le " in html and html.count("(en retard)") == 1


def test_day_fr_says_the_weekday_and_the_year_only_when_not_this_year():
    template = Template("{% load french_dates %}{{ d|day_fr }}")
    first = datetime.date(TODAY.year, 3, 1)
    weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    assert template.render(Context({"d": first})) == f"{weekdays[first.weekday()]} 1er mars"
    next_year = datetime.date(TODAY.year + 1, 1, 5)
    assert template.render(Context({"d": next_year})).endswith(f"5 janvier {TODAY.year + 1}")


def test_staff_dashboard_lists_triage_suggestions_and_follow_ups(client, staff, facilitation):
    FacilitationRequestFactory.create_batch(2)
    Suggestion.objects.create(title="Ajouter la fiche RCP", text="Un modèle de compte rendu.")
    late = FollowUpFactory(
        facilitation=facilitation, assignee=staff, title="Envoyer la trame", overdue=True
    )
    FollowUpFactory(facilitation=facilitation, assignee=staff, due_date=day(40))  # too far
    client.force_login(staff)
    html = client.get(reverse("home")).content.decode()
    todo_html = html[
        html.index('id="a-faire"') : html.index("</section>", html.index('id="a-faire"'))
    ]
    assert "Examiner les 2 demandes d&#x27;accompagnement en attente" in todo_html
    assert "depuis le " in todo_html
    assert "Répondre à la suggestion « Ajouter la fiche RCP »" in todo_html
    assert f"Action de suivi : Envoyer la trame ({facilitation.structure.name})" in todo_html
    assert f'href="{reverse("facilitations:detail", args=[facilitation.pk])}#suivi-{late.pk}"' in (
        todo_html
    )
    assert "(en retard)" in todo_html
    assert "Action de suivi 1" not in todo_html


def test_an_invitation_and_an_answered_request_are_on_the_professional_list(
    client, structure, coordinator, professional
):
    structure.invitations.create(email=professional.email, invited_by=coordinator)
    request = FacilitationRequestFactory(requester=professional, project_name="Maison de Loudéac")
    request.messages.create(author=UserFactory(staff=True), body="Nous vous rappelons lundi.")
    client.force_login(professional)
    html = client.get(reverse("todo_list")).content.decode()
    assert "Répondre à l&#x27;invitation à rejoindre" in html
    assert "Lire la réponse à votre demande « Maison de Loudéac »" in html
    assert "2 choses à faire" in html


def test_an_editor_who_is_not_staff_gets_the_suggestions_not_the_reviews(client, professional):
    make_editor(professional)
    Suggestion.objects.create(title="Une fiche CPTS", text="Texte.")
    client.force_login(professional)
    html = client.get(reverse("todo_list")).content.decode()
    assert "Répondre à la suggestion « Une fiche CPTS »" in html
    assert "Relire la page" not in html


def test_facilitators_are_not_asked_whether_their_team_has_a_project(client, facilitator):
    client.force_login(facilitator)
    html = client.get(reverse("home")).content.decode()
    assert "Votre équipe a un projet" not in html


def test_a_professional_is_still_offered_a_facilitation(client, professional):
    client.force_login(professional)
    assert "Votre équipe a un projet" in client.get(reverse("home")).content.decode()


def test_nothing_to_do_says_so(client, professional):
    client.force_login(professional)
    assert "Rien à faire pour le moment." in client.get(reverse("todo_list")).content.decode()
    assert 'id="a-faire"' not in client.get(reverse("home")).content.decode()


def test_the_list_reads_a_fixed_number_of_queries(client, staff, facilitation):
    """The same number of queries for 3 and for 30 of each kind of to-do
    (whatever the sources the apps register)."""

    def add(count: int) -> None:
        FacilitationRequestFactory.create_batch(count)
        for index in range(count):
            FollowUpFactory(facilitation=facilitation, assignee=staff, due_date=day(index % 10))
            Suggestion.objects.create(title=f"Suggestion {index}", text="Texte.")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("todo_list")).status_code == 200
        return len(context)

    client.force_login(staff)
    add(3)
    client.get(reverse("todo_list"))  # session, caches
    few = queries()
    add(27)
    assert queries() == few
