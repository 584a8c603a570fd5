"""Every date in range (finding 8; issue 19, principle 5): a meeting on
31 December 9999 at 23:30 or on 1 January 0001, a series running past 2100,
a decision due on 31 December 9999 are refused with the rule stated; the
calendar feed skips (and logs) an event it cannot write instead of failing;
the rows left out of range by older versions are repaired by a migration."""

import datetime
import importlib
import logging

import icalendar
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from gecolib.calendar import PARIS
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import CalendarFeedToken
from protocols.rcp.enums import MeetingStatus, Mode, Purpose, Weekday
from protocols.rcp.models import Decision, Meeting
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

RULE = "Indiquez une date entre le 1er janvier 2000 et le 31 décembre 2100."
UTC = datetime.UTC


def _data(**extra):
    return {
        "title": "RCP mensuelle",
        "purpose": Purpose.COMPLEX,
        "date": "2030-05-14",
        "time": "12:30",
        "duration_minutes": 90,
        "mode": Mode.IN_PERSON,
        "place": "Maison de santé",
        "invite_all": "on",
        TOKEN_FIELD: new_token(),
        **extra,
    }


@pytest.mark.parametrize(
    "extra",
    [
        {"date": "9999-12-31", "time": "23:30"},
        {"date": "0001-01-01", "time": "00:00"},
        {"date": "2100-12-31", "time": "23:30"},  # ends in 2101
        {
            "date": "2100-06-01",
            "repeat": "on",
            "week_of_month": 2,
            "weekday": Weekday.TUESDAY,
            "occurrences": 12,
        },
    ],
)
def test_a_meeting_out_of_range_is_refused(client_for, structure, coordinator, extra):
    response = client_for(coordinator).post(
        reverse("rcp:meeting_create", args=[structure.pk]), _data(**extra)
    )
    assert response.status_code == 200
    assert RULE in response.content.decode().replace("&#x27;", "'")
    assert not Meeting.objects.exists()


def test_a_meeting_moved_out_of_range_is_refused(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    before = meeting.starts_at
    data = _data(date="9999-12-31", time="23:30")
    data.pop(TOKEN_FIELD)
    response = client_for(coordinator).post(reverse("rcp:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 200 and RULE in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at == before and meeting.sequence == 0


def test_a_decision_due_out_of_range_is_refused(client_for, structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    response = client_for(coordinator).post(
        reverse("rcp:decision_create", args=[meeting.pk]),
        {"text": "Relire", "owner": member.pk, "due_date": "9999-12-31", TOKEN_FIELD: new_token()},
    )
    assert response.status_code == 200 and RULE in response.content.decode()
    assert not Decision.objects.exists()


@pytest.fixture
def out_of_range(structure, member):
    """Rows as older versions let them be written."""
    good = MeetingFactory(structure=structure)
    far = MeetingFactory(structure=structure)
    Meeting.objects.filter(pk=far.pk).update(
        starts_at=datetime.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS)
    )
    ancient = MeetingFactory(structure=structure)
    Meeting.objects.filter(pk=ancient.pk).update(
        starts_at=datetime.datetime(1, 1, 1, 12, tzinfo=UTC)
    )
    due = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    Decision.objects.filter(pk=due.pk).update(due_date=datetime.date(9999, 12, 31))
    return {"good": good, "far": far, "ancient": ancient, "due": due}


def test_the_feed_skips_what_it_cannot_write(client, member, out_of_range, caplog):
    feed = CalendarFeedToken.renew(member)
    with caplog.at_level(logging.WARNING, logger="protocols.rcp.calendar"):
        response = client.get(reverse("calendar_feed", kwargs={"token": feed.token}))
    assert response.status_code == 200
    uids = {
        str(event["UID"]).split("@")[0]
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert f"rcp-{out_of_range['good'].pk}" in uids
    assert f"rcp-{out_of_range['far'].pk}" not in uids
    assert f"rcp-decision-{out_of_range['due'].pk}" not in uids
    assert "skipped" in caplog.text


def test_the_migration_brings_dates_back_in_range(client_for, coordinator, out_of_range):
    migration = importlib.import_module("protocols.rcp.migrations.0003_repair_dates_out_of_range")
    migration.repair(apps, None)
    far = Meeting.objects.get(pk=out_of_range["far"].pk)
    ancient = Meeting.objects.get(pk=out_of_range["ancient"].pk)
    assert timezone.localtime(far.starts_at) == datetime.datetime(2100, 12, 31, 12, tzinfo=PARIS)
    assert timezone.localtime(ancient.starts_at) == datetime.datetime(2000, 1, 1, 12, tzinfo=PARIS)
    # Kept, movable by its organiser; calendars told of the change.
    assert far.status == MeetingStatus.SCHEDULED and far.sequence == 1
    assert Decision.objects.get(pk=out_of_range["due"].pk).due_date == datetime.date(2100, 12, 31)
    good = Meeting.objects.get(pk=out_of_range["good"].pk)
    assert good.starts_at == out_of_range["good"].starts_at and good.sequence == 0
    client = client_for(coordinator)
    for meeting in (far, ancient):
        assert client.get(meeting.get_absolute_url()).status_code == 200
        assert client.get(reverse("rcp:meeting_ics", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("rcp:structure", args=[far.structure_id])).status_code == 200
    assert client.get(reverse("rcp:decisions", args=[far.structure_id])).status_code == 200
