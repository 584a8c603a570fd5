"""A meeting that took place takes no new agenda item and no longer says its
agenda « part automatiquement »; once its minutes are validated, they are
read-only except by amendment (texts, decisions, attendance, items)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp.enums import ItemKind
from protocols.rcp.minutes import validate_minutes
from protocols.rcp.models import AgendaItem
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ITEM = {"kind": ItemKind.CASE, "title": "Patiente de 80 ans, chutes", "planned_minutes": 15}


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_an_upcoming_meeting_offers_to_add_and_says_the_agenda_leaves_by_itself(
    client_for, structure, coordinator, member
):
    meeting = MeetingFactory(structure=structure)
    html = _html(client_for(coordinator).get(meeting.get_absolute_url()))
    assert "Ajouter un point" in html and "part automatiquement" in html
    html = _html(client_for(member).get(meeting.get_absolute_url()))
    assert "Proposer un point" in html and "Ajouter un point" not in html


def test_a_past_meeting_offers_neither(client_for, structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    for user in (coordinator, member):
        html = _html(client_for(user).get(meeting.get_absolute_url()))
        assert "Ajouter un point" not in html and "Proposer un point" not in html
        assert "part automatiquement" not in html
        assert "non envoyé" in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_past_meeting_refuses_a_new_item_in_french(client_for, structure, coordinator, method):
    meeting = MeetingFactory(structure=structure, past=True)
    client = client_for(coordinator)
    url = reverse("rcp:item_create", args=[meeting.pk])
    response = getattr(client, method)(url, {**ITEM, TOKEN_FIELD: new_token()}, follow=True)
    assert "Cette RCP a déjà eu lieu : on n'ajoute plus de point" in _html(response)
    assert not AgendaItem.objects.exists()


def test_a_past_meeting_refuses_a_proposal(client_for, structure, member):
    meeting = MeetingFactory(structure=structure, past=True)
    url = reverse("rcp:item_propose", args=[meeting.pk])
    response = client_for(member).post(url, {**ITEM, TOKEN_FIELD: new_token()}, follow=True)
    assert "Cette RCP a déjà eu lieu" in _html(response)
    assert not AgendaItem.objects.exists()


def test_a_cancelled_meeting_refuses_a_new_item(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    meeting.cancel()
    url = reverse("rcp:item_create", args=[meeting.pk])
    response = client_for(coordinator).post(url, {**ITEM, TOKEN_FIELD: new_token()}, follow=True)
    assert "Cette RCP est annulée" in _html(response)
    assert not AgendaItem.objects.exists()


@pytest.fixture
def validated(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting, summary="Évaluation du domicile proposée.")
    validate_minutes(meeting, by=coordinator)
    meeting.refresh_from_db()
    return meeting


def test_validated_minutes_offer_only_the_amendment(client_for, validated, coordinator):
    html = _html(client_for(coordinator).get(validated.get_absolute_url()))
    assert "Amender le compte rendu" in html
    for gone in ("Rédiger le compte rendu", "Ajouter une décision", "Renseigner la présence"):
        assert gone not in html
    assert reverse("rcp:item_edit", args=[validated.items.get().pk]) not in html


def test_validated_minutes_refuse_decisions_attendance_and_item_edits(
    client_for, validated, coordinator, member
):
    client = client_for(coordinator)
    item = validated.items.get()
    response = client.post(
        reverse("rcp:decision_create", args=[validated.pk]),
        {
            "text": "Relancer la HAD",
            "owner": member.pk,
            "due_date": (timezone.localdate()).isoformat(),
            TOKEN_FIELD: new_token(),
        },
        follow=True,
    )
    assert "il ne change plus que par un amendement" in _html(response)
    assert not validated.decisions.exists()

    invitee = validated.invitees.get(user=member)
    response = client.post(
        reverse("rcp:attendance", args=[validated.pk]),
        {f"attendance_{invitee.pk}": "absent"},
        follow=True,
    )
    assert "la présence qu'il donne ne change plus" in _html(response)
    invitee.refresh_from_db()
    assert invitee.attendance == ""

    response = client.post(
        reverse("rcp:item_edit", args=[item.pk]),
        {**ITEM, "title": "Autre titre", "order": 1, "base_version": item.version},
        follow=True,
    )
    assert "ses points ne changent plus" in _html(response)
    item.refresh_from_db()
    assert item.title != "Autre titre"

    response = client.post(
        reverse("rcp:item_move", args=[item.pk]),
        {"direction": "down", TOKEN_FIELD: new_token()},
        follow=True,
    )
    assert "Cet ordre du jour ne change plus" in _html(response)
