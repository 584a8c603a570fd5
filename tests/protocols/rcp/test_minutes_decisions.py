"""Decisions typed in the minutes' page itself, under their item: htmx adds a
row's decision without reloading (the row comes back, the decision listed,
a new empty form); without JavaScript the page's form saves the texts and
the decisions typed, and « Ajouter la décision » comes back to the page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp.minutes import validate_minutes
from protocols.rcp.models import Decision
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
NIR_SPACED = "1 84 12 76 451 089 46"


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def held(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting, order=1, title="Patiente de 84 ans, chutes")
    AgendaItemFactory(meeting=meeting, order=2, title="Homme de 67 ans, insuffisance cardiaque")
    return meeting


def _due() -> str:
    return (timezone.localdate() + datetime.timedelta(days=14)).isoformat()


def _row(key, owner, text="Demander une évaluation ergothérapique", **extra) -> dict:
    prefix = f"decision-{key}"
    return {
        f"{prefix}-text": text,
        f"{prefix}-owner": owner.pk,
        f"{prefix}-due_date": _due(),
        f"{prefix}-{TOKEN_FIELD}": new_token(),
        **{f"{prefix}-{name}": value for name, value in extra.items()},
    }


def _texts(meeting, **summaries) -> dict:
    return {
        "minutes_text": meeting.minutes_text,
        "base_version": meeting.minutes_version,
        **{f"summary_{item.pk}": summaries.get(str(item.pk), "") for item in meeting.items.all()},
    }


def test_the_minutes_page_has_each_items_decisions(client_for, held, coordinator, member):
    first, second = held.items.all()
    Decision.objects.create(
        meeting=held, item=first, text="Revoir l'ordonnance", owner=member, due_date=_due()
    )
    html = _html(client_for(coordinator).get(reverse("rcp:minutes_edit", args=[held.pk])))
    for key in (first.pk, second.pk, "general"):
        assert f'id="decisions-{key}"' in html
        assert f'name="decision-{key}-text"' in html
    # Under its item: the decision taken, then the form of a new one.
    block = html[html.index(f'id="decisions-{first.pk}"') :]
    assert block.index("Revoir l'ordonnance") < block.index(f'name="decision-{first.pk}-text"')
    assert html.count(">Ajouter la décision<") == 3
    assert f'hx-post="{reverse("rcp:decision_create", args=[held.pk])}"' in html


def test_htmx_adds_a_decision_without_reloading(client_for, held, coordinator, member):
    first = held.items.first()
    client = client_for(coordinator)
    url = reverse("rcp:decision_create", args=[held.pk])
    data = {
        **_texts(held, **{str(first.pk): "Synthèse tapée, pas encore enregistrée."}),
        **_row(first.pk, member, ppcs="on"),
        "row": str(first.pk),
    }
    for _click in range(2):  # a double click adds it once
        response = client.post(url, data, headers=HTMX)
        assert response.status_code == 200
    decision = Decision.objects.get()
    assert (decision.item, decision.owner, decision.ppcs) == (first, member, True)
    assert decision.created_by == coordinator
    html = _html(response)
    assert html.lstrip().startswith("<div")  # the row only, swapped in place
    assert f'id="decisions-{first.pk}"' in html and decision.text in html
    # A new empty row, with a new token; the page's texts are left as typed.
    assert re.search(rf'name="decision-{first.pk}-text"[^>]*>\s*</textarea>', html)
    assert data[f"decision-{first.pk}-{TOKEN_FIELD}"] not in html
    held.refresh_from_db()
    assert held.items.get(pk=first.pk).summary == ""
    assert "<html" not in html


def test_htmx_refuses_in_the_row_and_keeps_what_was_typed(client_for, held, coordinator, member):
    first = held.items.first()
    client = client_for(coordinator)
    url = reverse("rcp:decision_create", args=[held.pk])
    data = {**_row(first.pk, member, text=f"Appeler le patient {NIR_SPACED}"), "row": first.pk}
    html = _html(client.post(url, data, headers=HTMX))
    assert "un numéro de sécurité sociale" in html and NIR_SPACED in html
    missing = _row(first.pk, member)
    del missing[f"decision-{first.pk}-owner"]
    html = _html(client.post(url, {**missing, "row": first.pk}, headers=HTMX))
    assert "Ce champ est obligatoire" in html
    html = _html(client.post(url, {"row": first.pk}, headers=HTMX))
    assert "Écrivez la décision" in html
    assert not Decision.objects.exists()
    # A row that is not an item of the agenda.
    other = AgendaItemFactory(meeting=MeetingFactory(structure=held.structure, past=True))
    response = client.post(url, {**_row(other.pk, member), "row": other.pk}, headers=HTMX)
    assert response.status_code == 400
    assert not Decision.objects.exists()


def test_without_javascript_the_page_saves_texts_and_decisions(
    client_for, held, coordinator, member
):
    first, second = held.items.all()
    client = client_for(coordinator)
    url = reverse("rcp:minutes_edit", args=[held.pk])
    data = {
        **_texts(held, **{str(first.pk): "Évaluation du domicile proposée."}),
        **_row(first.pk, member),
        **_row("general", coordinator, text="Inviter le SSIAD à la prochaine RCP"),
        "add_decision": str(first.pk),
    }
    response = client.post(url, data)
    # Back to the minutes' page, at the row: its decision added, the texts saved.
    assert response["Location"] == f"{url}#decisions-{first.pk}"
    assert held.items.get(pk=first.pk).summary == "Évaluation du domicile proposée."
    assert Decision.objects.get(item=first).owner == member
    assert Decision.objects.get(item=None).text == "Inviter le SSIAD à la prochaine RCP"
    # Empty rows are left out; « Enregistrer » goes back to the meeting.
    held.refresh_from_db()
    response = client.post(url, _texts(held, **{str(second.pk): "Pesée trois fois par semaine."}))
    assert response["Location"].endswith("#compte-rendu")
    assert Decision.objects.count() == 2


def test_a_stale_page_adds_no_decision(client_for, held, coordinator, member):
    first = held.items.first()
    client = client_for(coordinator)
    url = reverse("rcp:minutes_edit", args=[held.pk])
    stale = {**_texts(held), **_row(first.pk, member)}
    client.post(url, _texts(held, **{str(first.pk): "Saisi ailleurs."}))
    response = client.post(url, stale)  # started from version 0, now 1
    assert response.status_code == 200
    assert "quelqu'un d'autre" in _html(response)
    assert not Decision.objects.exists()
    # A row incomplete: nothing saved at all, the texts kept.
    held.refresh_from_db()
    incomplete = {**_texts(held, **{str(first.pk): "Nouveau texte"}), **_row(first.pk, member)}
    del incomplete[f"decision-{first.pk}-due_date"]
    response = client.post(url, incomplete)
    assert "Une décision n'est pas complète" in _html(response)
    assert held.items.get(pk=first.pk).summary == "Saisi ailleurs."


def test_an_amendment_carries_its_new_decisions(
    client_for, held, coordinator, member, django_capture_on_commit_callbacks
):
    first = held.items.first()
    first.summary = "Synthèse."
    first.save()
    validate_minutes(held, by=coordinator)
    held.refresh_from_db()
    client = client_for(coordinator)
    page = _html(client.get(reverse("rcp:minutes_edit", args=[held.pk])))
    assert 'name="decision-general-text"' in page and ">Ajouter la décision<" not in page
    # htmx cannot add one to validated minutes.
    url = reverse("rcp:decision_create", args=[held.pk])
    html = _html(client.post(url, {**_row("general", member), "row": "general"}, headers=HTMX))
    assert "il ne change plus que par un amendement" in html
    assert not Decision.objects.exists()
    amend = reverse("rcp:minutes_amend", args=[held.pk])
    data = {
        **_texts(held, **{str(first.pk): "Synthèse."}),
        **_row(first.pk, member, text="Décision oubliée"),
        TOKEN_FIELD: new_token(),
    }
    # Without saying what the amendment changes: nothing, not even the decision.
    assert client.post(amend, data).status_code == 400
    assert not Decision.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(amend, {**data, "comment": "Décision oubliée ajoutée"})
    assert response.status_code == 302
    revision = held.minutes_revisions.first()
    assert revision.number == 2
    assert [d["text"] for d in revision.content["decisions"]] == ["Décision oubliée"]


def test_the_minutes_page_reads_the_members_once(
    client_for, held, coordinator, django_assert_num_queries
):
    client = client_for(coordinator)
    url = reverse("rcp:minutes_edit", args=[held.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for order in range(3, 8):
        AgendaItemFactory(meeting=held, order=order)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
