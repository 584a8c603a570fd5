"""No silent overwrite (finding 9; issue 19, principle 6): two organisers
writing the minutes — or the same agenda item — at once. The second save,
started from an older version, is refused with a French message; the text
now saved is shown, the second organiser's text stays in the form, and
saving again from there works."""

import pytest
from django.urls import reverse

from protocols.rcp.concurrency import EditedMeanwhile
from protocols.rcp.minutes import save_minutes
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def second_organiser(structure):
    return MembershipFactory(structure=structure, coordinator=True).user


def test_a_stale_save_of_the_minutes_is_refused_and_shows_the_saved_text(
    client_for, structure, coordinator, second_organiser
):
    meeting = MeetingFactory(structure=structure, past=True)
    item = AgendaItemFactory(meeting=meeting)
    url = reverse("rcp:minutes_edit", args=[meeting.pk])
    first, second = client_for(coordinator), client_for(second_organiser)
    # Both open the page: it starts from version 0.
    assert 'name="base_version" value="0"' in _text(first.get(url))
    assert 'name="base_version" value="0"' in _text(second.get(url))
    saved = {
        "minutes_text": "Tour de table.",
        f"summary_{item.pk}": "Synthèse A",
        "base_version": 0,
    }
    assert first.post(url, saved).status_code == 302

    mine = {"minutes_text": "Mon texte", f"summary_{item.pk}": "Synthèse B", "base_version": 0}
    response = second.post(url, mine)
    assert response.status_code == 200
    html = _text(response)
    assert "Le compte rendu a été enregistré par quelqu'un d'autre" in html
    assert "Synthèse A" in html and "Synthèse B" in html  # the saved text and mine
    assert 'name="base_version" value="1"' in html
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (meeting.minutes_text, item.summary) == ("Tour de table.", "Synthèse A")
    # Saving again, from the version now seen, goes through.
    assert second.post(url, {**mine, "base_version": 1}).status_code == 302
    item.refresh_from_db()
    assert item.summary == "Synthèse B"


def test_the_service_refuses_a_stale_version_too(structure, coordinator):
    meeting = MeetingFactory(structure=structure, past=True)
    save_minutes(meeting, general="Premier", summaries={}, base_version=0)
    with pytest.raises(EditedMeanwhile):
        save_minutes(meeting, general="Second", summaries={}, base_version=0)
    meeting.refresh_from_db()
    assert meeting.minutes_text == "Premier" and meeting.minutes_version == 1


def test_a_stale_edit_of_an_agenda_item_is_refused(
    client_for, structure, coordinator, second_organiser
):
    meeting = MeetingFactory(structure=structure)
    item = AgendaItemFactory(meeting=meeting, summary="")
    url = reverse("rcp:item_edit", args=[item.pk])
    first, second = client_for(coordinator), client_for(second_organiser)
    base = {
        "kind": item.kind,
        "title": item.title,
        "planned_minutes": 20,
        "order": 1,
        "base_version": 0,
    }
    assert first.post(url, {**base, "description": "Texte A"}).status_code == 302
    response = second.post(url, {**base, "description": "Texte B"})
    assert response.status_code == 200
    html = _text(response)
    assert "Ce point a été modifié par quelqu'un d'autre" in html
    assert "Texte A" in html and "Texte B" in html
    item.refresh_from_db()
    assert item.description == "Texte A" and item.version == 1


def test_an_item_edit_keeps_the_summary_written_meanwhile(client_for, structure, coordinator):
    """The item's form writes its own fields only: the minutes' summary,
    saved by another organiser while the item was open, stays."""
    meeting = MeetingFactory(structure=structure, past=True)
    item = AgendaItemFactory(meeting=meeting)
    url = reverse("rcp:item_edit", args=[item.pk])
    data = {"kind": item.kind, "title": "Titre corrigé", "planned_minutes": 20, "order": 1}
    save_minutes(meeting, general="", summaries={item.pk: "Synthèse"}, base_version=0)
    assert client_for(coordinator).post(url, {**data, "base_version": 0}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.summary) == ("Titre corrigé", "Synthèse")
