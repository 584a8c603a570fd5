"""The minutes' PDF and a meeting's calendar file carry an ETag known before
rendering: a 304 builds nothing, and a change of what they show changes it."""

import pytest
from django.urls import reverse

from protocols.rcp.minutes import amend_minutes, save_minutes, validate_minutes
from tests.conditional_documents import assert_304_without_rendering
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting)
    save_minutes(meeting, general="Tour de table.", summaries={}, base_version=0)
    validate_minutes(meeting, by=coordinator)
    return meeting


def minutes_url(meeting, version=""):
    url = reverse("rcp:minutes_pdf", args=[meeting.pk])
    return f"{url}?version={version}" if version else url


def test_the_minutes_pdf_answers_304_without_rendering(client_for, validated, member, monkeypatch):
    assert_304_without_rendering(
        client_for(member), minutes_url(validated), monkeypatch, "protocols.rcp.minutes.pdf_context"
    )


def test_the_minutes_etag_follows_the_version_and_the_meeting(
    client_for, validated, coordinator, member
):
    client = client_for(member)
    first = client.get(minutes_url(validated))["ETag"]
    assert client.get(minutes_url(validated))["ETag"] == first
    validated.refresh_from_db()
    save_minutes(
        validated,
        general="Tour de table complété.",
        summaries={},
        base_version=validated.minutes_version,
    )
    amend_minutes(validated, by=coordinator, comment="Tour de table complété.")
    second = client.get(minutes_url(validated))["ETag"]
    assert second != first
    first_version = client.get(minutes_url(validated, "1"))["ETag"]
    assert first_version not in {first, second}  # each version its own document
    assert client.get(minutes_url(validated, "1"))["ETag"] == first_version
    validated.refresh_from_db()
    validated.title = "RCP de rentrée"
    validated.save()
    assert client.get(minutes_url(validated, "1"))["ETag"] != first_version


def test_the_calendar_file_answers_304_without_writing(client_for, structure, member, monkeypatch):
    meeting = MeetingFactory(structure=structure)
    url = reverse("rcp:meeting_ics", args=[meeting.pk])
    client = client_for(member)
    assert b"BEGIN:VCALENDAR" in client.get(url).content
    assert_304_without_rendering(client, url, monkeypatch, "protocols.rcp.invitations.meeting_ics")


def test_the_calendar_etag_follows_the_meeting(client_for, structure, member):
    meeting = MeetingFactory(structure=structure)
    url = reverse("rcp:meeting_ics", args=[meeting.pk])
    client = client_for(member)
    first = client.get(url)["ETag"]
    assert client.get(url)["ETag"] == first
    meeting.place = "Salle du conseil, mairie de Plérin"
    meeting.save()
    second = client.get(url)["ETag"]
    assert second != first
    structure.name = "MSP du Légué"
    structure.save()
    assert client.get(url)["ETag"] not in {first, second}
