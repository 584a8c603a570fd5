"""The shared iCalendar writer: parsed back, it gives the same events, in
Europe/Paris with its VTIMEZONE."""

import datetime
import zoneinfo

import icalendar

from gecolib.calendar import CalendarEvent, ics_calendar

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_ics_round_trip():
    start = datetime.datetime(2026, 12, 8, 12, 30, tzinfo=datetime.UTC)
    data = ics_calendar(
        [
            CalendarEvent(
                uid="rcp-1",
                summary="RCP de décembre",
                start=start,
                end=start + datetime.timedelta(hours=1),
                location="Maison de santé",
                sequence=2,
            ),
            CalendarEvent(uid="due-1", summary="Échéance", start=datetime.date(2026, 12, 10)),
        ],
        "Mon agenda",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["method"] == "PUBLISH"
    timezones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Paris"]
    first, second = calendar.walk("VEVENT")
    assert str(first["uid"]).startswith("rcp-1@")
    assert first["summary"] == "RCP de décembre"
    assert first.decoded("dtstart") == start.astimezone(PARIS)
    assert first.decoded("dtstart").tzinfo.key == "Europe/Paris"
    assert first["sequence"] == 2
    assert second.decoded("dtstart") == datetime.date(2026, 12, 10)


def test_cancel_method_marks_events_cancelled():
    data = ics_calendar(
        [CalendarEvent(uid="x", summary="Annulé", start=datetime.date(2026, 1, 1), cancelled=True)],
        "Annulation",
        method="CANCEL",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["method"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["status"] == "CANCELLED"


def test_an_event_out_of_range_is_skipped_not_the_whole_calendar(caplog):
    """A meeting left on 9999-12-31 23:30 (UTC: the Paris time is in year
    10000) or on 0001-01-01 used to make the whole feed answer 500."""
    late = datetime.datetime(9999, 12, 31, 23, 30, tzinfo=datetime.UTC)
    early = datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC)
    fine = datetime.datetime(2026, 12, 8, 12, 30, tzinfo=datetime.UTC)
    data = ics_calendar(
        [
            CalendarEvent(uid="late", summary="Trop tard", start=late),
            CalendarEvent(uid="early", summary="Trop tôt", start=early),
            CalendarEvent(uid="due", summary="Échéance", start=datetime.date(9999, 12, 31)),
            CalendarEvent(uid="fine", summary="RCP de décembre", start=fine),
        ],
        "Mon agenda",
    )
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["RCP de décembre"]
    assert "late skipped" in caplog.text and "early skipped" in caplog.text
