"""One identity check on every RCP text (issue 19, principle 3): the models
(TeamDataChecks) refuse patient identity in every free-text field — the
place (finding 3) and the minutes' amendment comment (finding 2) included —
and their forms ask to confirm a possible name (« Mme Le Goff ») instead of
refusing it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.team_data import CONFIRM_NAMES_FIELD, TeamDataChecks
from protocols.rcp import models
from protocols.rcp.enums import DecisionStatus, ItemKind, Mode, Purpose
from protocols.rcp.minutes import amend_minutes, validate_minutes
from protocols.rcp.models import AgendaItem, Meeting
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NIR = "1 84 12 76 451 089 46"
IDENTITIES = [
    (f"Salle du patient {NIR}", "numéro de sécurité sociale"),
    ("Chez la patiente née le 12/03/1942", "date de naissance"),
    ("Domicile, appeler le 06 12 34 56 78", "numéro de téléphone"),
    ("Chez marie.dupont@exemple.fr", "adresse e-mail"),
]


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize(
    "model",
    [
        models.MeetingSeries,
        models.Meeting,
        models.Invitee,
        models.AgendaItem,
        models.Decision,
        models.MinutesRevision,
        models.Guest,
    ],
)
def test_every_rcp_model_with_text_or_dates_runs_the_checks(model):
    assert issubclass(model, TeamDataChecks)


def _meeting_data(**extra):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return {
        "title": "RCP plaies chroniques",
        "purpose": Purpose.COMPLEX,
        "date": day.isoformat(),
        "time": "12:30",
        "duration_minutes": 90,
        "mode": Mode.IN_PERSON,
        "place": "Maison de santé",
        "invite_all": "on",
        TOKEN_FIELD: new_token(),
        **extra,
    }


@pytest.mark.parametrize(("place", "why"), IDENTITIES)
def test_the_place_refuses_patient_identity(client_for, structure, coordinator, place, why):
    """Finding 3: the place goes into the e-mails, the .ics and the feeds."""
    client = client_for(coordinator)
    response = client.post(
        reverse("rcp:meeting_create", args=[structure.pk]), _meeting_data(place=place)
    )
    assert response.status_code == 200
    assert why in _text(response)
    assert not Meeting.objects.exists()
    meeting = MeetingFactory(structure=structure)
    data = _meeting_data(place=place)
    data.pop(TOKEN_FIELD)
    response = client.post(reverse("rcp:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 200 and why in _text(response)
    meeting.refresh_from_db()
    assert meeting.place == "Salle de réunion de la maison de santé"
    meeting.place = place
    with pytest.raises(ValidationError):
        meeting.full_clean()


@pytest.fixture
def validated(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting, summary="Évaluation du domicile.")
    validate_minutes(meeting, by=coordinator)
    meeting.refresh_from_db()
    meeting.items.update(summary="Évaluation faite.")
    mail.outbox.clear()
    return meeting


def _amendment(meeting, **data) -> dict:
    """The amendment form as the minutes' page sends it: the texts as they
    stand, the version they start from, a one-time token."""
    texts = {f"summary_{item.pk}": item.summary for item in meeting.items.on_agenda()}
    return {
        "minutes_text": meeting.minutes_text,
        "base_version": meeting.minutes_version,
        TOKEN_FIELD: new_token(),
        **texts,
        **data,
    }


@pytest.mark.parametrize(("comment", "why"), IDENTITIES)
def test_the_amendment_comment_refuses_patient_identity(
    client_for, validated, coordinator, comment, why, django_capture_on_commit_callbacks
):
    """Finding 2: it was e-mailed to every invitee unchecked."""
    url = reverse("rcp:minutes_amend", args=[validated.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(url, _amendment(validated, comment=comment))
    assert response.status_code == 400
    html = _text(response)
    assert why in html and comment.split()[-1] in html  # the comment kept, to correct
    assert validated.minutes_revisions.count() == 1
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        amend_minutes(validated, by=coordinator, comment=comment)


def test_an_amendment_naming_someone_asks_to_confirm(
    client_for, validated, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    url = reverse("rcp:minutes_amend", args=[validated.pk])
    data = _amendment(validated, comment="Correction demandée par Mme Le Goff")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Je confirme qu'aucun patient n'est nommé" in _text(response)
    assert f'type="checkbox" name="{CONFIRM_NAMES_FIELD}"' in _text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, CONFIRM_NAMES_FIELD: "on"})
    assert response.status_code == 302
    revision = validated.minutes_revisions.get(number=2)
    assert revision.comment == "Correction demandée par Mme Le Goff"
    # The comment stays on the portal: the e-mail links to the minutes.
    assert mail.outbox and all("Le Goff" not in message.body for message in mail.outbox)


def test_an_item_naming_someone_is_saved_once_confirmed(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    client = client_for(coordinator)
    url = reverse("rcp:item_create", args=[meeting.pk])
    data = {
        "kind": ItemKind.PROTOCOL,
        "title": "Protocole plaies présenté par M. Martin",
        "planned_minutes": 20,
        "order": 1,
        TOKEN_FIELD: new_token(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'type="checkbox" name="{CONFIRM_NAMES_FIELD}"' in _text(response)
    assert not AgendaItem.objects.exists()
    assert client.post(url, {**data, CONFIRM_NAMES_FIELD: "on"}).status_code == 302
    assert AgendaItem.objects.get().title == "Protocole plaies présenté par M. Martin"


def test_the_minutes_form_carries_the_confirmation(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure, past=True)
    item = AgendaItemFactory(meeting=meeting)
    client = client_for(coordinator)
    url = reverse("rcp:minutes_edit", args=[meeting.pk])
    assert f'name="{CONFIRM_NAMES_FIELD}"' in _text(client.get(url))
    data = {"minutes_text": "", f"summary_{item.pk}": "Vu avec Mme Le Goff", "base_version": 0}
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'type="checkbox" name="{CONFIRM_NAMES_FIELD}"' in _text(response)
    assert client.post(url, {**data, CONFIRM_NAMES_FIELD: "on"}).status_code == 302
    item.refresh_from_db()
    assert item.summary == "Vu avec Mme Le Goff"


def test_a_closing_comment_is_checked_and_a_name_confirmed(client_for, structure, member):
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client = client_for(member)
    url = reverse("rcp:decision_close", args=[decision.pk])
    htmx = {"HX-Request": "true"}
    response = client.post(url, {"action": "done", "comment": f"NIR {NIR}"}, headers=htmx)
    assert "numéro de sécurité sociale" in _text(response)
    response = client.post(
        url, {"action": "done", "comment": "Fait avec Mme Le Goff"}, headers=htmx
    )
    html = _text(response)
    assert f'name="{CONFIRM_NAMES_FIELD}"' in html and 'value="Fait avec Mme Le Goff"' in html
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN and decision.closing_comment == ""
    client.post(
        url,
        {"action": "done", "comment": "Fait avec Mme Le Goff", CONFIRM_NAMES_FIELD: "on"},
        headers=htmx,
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert decision.closing_comment == "Fait avec Mme Le Goff"


def test_a_meeting_naming_someone_is_created_once_confirmed(client_for, structure, coordinator):
    client = client_for(coordinator)
    url = reverse("rcp:meeting_create", args=[structure.pk])
    data = _meeting_data(
        title="RCP animée par M. Martin", repeat="on", week_of_month=2, weekday=1, occurrences=2
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'type="checkbox" name="{CONFIRM_NAMES_FIELD}"' in _text(response)
    assert not Meeting.objects.exists()
    assert client.post(url, {**data, CONFIRM_NAMES_FIELD: "on"}).status_code == 302
    assert Meeting.objects.filter(title="RCP animée par M. Martin").count() == 2
