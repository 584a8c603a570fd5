"""Calendar events contributed by the apps, and iCalendar (RFC 5545) output.

Each app declares what belongs in a person's calendar in its own
`calendar.py`, with a function registered by `@register_calendar_source`:

    @register_calendar_source
    def rcp_meetings(user, start: datetime.date) -> Iterable[CalendarEvent]:
        ...   # events of `user` from `start` on, fetched through visible_to()

`events_for(user)` gathers them (the personal calendar feed of the profile
page); `ics_calendar(events, name)` writes any list of events as an .ics file
with the Europe/Paris VTIMEZONE (the feed, an "Ajouter à mon agenda" link, an
invitation attached to an e-mail). The core imports every app's `calendar`
module with `autodiscover_modules("calendar")`, like the other registries.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.utils import timezone

from .registry import AppRegistry
from .team_data import date_in_range

logger = logging.getLogger(__name__)

PRODID = "-//GECO Lib'//Portail//FR"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class CalendarEvent:
    """One event. `start` is a date (all-day event) or an aware datetime.
    `uid` must be stable for the same thing (an updated meeting keeps its
    UID; `sequence` grows with each change sent to attendees)."""

    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False
    # For invitations sent by e-mail (METHOD:REQUEST / CANCEL, RFC 5546):
    # the organiser's and the attendees' addresses.
    organizer: str = ""
    attendees: tuple[str, ...] = ()


CalendarSource = Callable[..., Iterable[CalendarEvent]]
calendar_sources: AppRegistry[CalendarSource] = AppRegistry("calendar")
register_calendar_source = calendar_sources.register


def events_for(user, start: datetime.date | None = None) -> list[CalendarEvent]:
    """Every registered app's events for `user`, from `start` (by default
    90 days ago, so a feed keeps recent history), in date order."""
    start = start or timezone.localdate() - datetime.timedelta(days=90)
    events: list[CalendarEvent] = []
    for source in calendar_sources:
        events.extend(event for event in source(user, start) if writable(event))
    return sorted(events, key=lambda e: _sort_key(e.start))


def writable(event: CalendarEvent) -> bool:
    """Whether the event's dates can be written in a calendar: a feed never
    fails as a whole because of one event (a date out of range left by an
    older version, a time zone shift past year 9999) — it is logged and
    skipped."""
    try:
        ok = all(
            value is None or (date_in_range(value) and date_in_range(_local(value)))
            for value in (event.start, event.end)
        )
    except (OverflowError, ValueError):
        ok = False
    if not ok:
        logger.warning("Calendar event %s skipped: date out of range", event.uid)
    return ok


def _sort_key(value: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value.astimezone(PARIS).replace(tzinfo=None)
    return datetime.datetime.combine(value, datetime.time.min)


def _local(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(PARIS)
    return value


def ics_calendar(events: Iterable[CalendarEvent], name: str, *, method: str = "PUBLISH") -> bytes:
    """The events as an RFC 5545 calendar (Europe/Paris times, with the
    VTIMEZONE component). `method` is PUBLISH for feeds and downloads,
    REQUEST or CANCEL for invitations sent by e-mail."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = timezone.now()
    for event in filter(writable, events):
        component = icalendar.Event()
        component.add("uid", f"{event.uid}@{settings.GECOLIB_CALENDAR_DOMAIN}")
        component.add("dtstamp", stamp)
        component.add("summary", event.summary)
        component.add("dtstart", _local(event.start))
        if event.end is not None:
            component.add("dtend", _local(event.end))
        if event.description:
            component.add("description", event.description)
        if event.location:
            component.add("location", event.location)
        if event.url:
            component.add("url", event.url)
        if event.organizer:
            component.add("organizer", f"mailto:{event.organizer}")
        for attendee in event.attendees:
            component.add("attendee", f"mailto:{attendee}", parameters={"ROLE": "REQ-PARTICIPANT"})
        component.add("sequence", event.sequence)
        component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
