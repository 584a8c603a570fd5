"""Recurring meetings (a `MeetingSeries` and its occurrences).

- French public holidays (the `holidays` library): a date of the series that
  falls on one is flagged — « Le lundi 6 avril 2026 est le lundi de Pâques,
  jour férié » — with a one-click move to the next working day (neither a
  weekend nor a holiday).
- A change of one meeting carried to the following ones: the time, the
  length, the mode, the place and the video link an organiser changed on a
  meeting of a series, « cette réunion et les suivantes », go to the
  following meetings of the same series that are to come and not cancelled
  (each keeps its own day). Each changed meeting's invitation is updated as
  for a single change (`invitations.send_update`)."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gecolib.calendar import PARIS
from gecolib.templatetags.french_dates import date_fr

from . import invitations
from .models import Meeting

# How a sentence names each holiday (« le lundi de Pâques », « l'Ascension »),
# by the name the `holidays` library gives it in French.
HOLIDAY_NAMES = {
    "Jour de l'an": _lazy("le jour de l'an"),
    "Lundi de Pâques": _lazy("le lundi de Pâques"),
    "Fête du Travail": _lazy("la fête du Travail"),
    "Fête de la Victoire": _lazy("la fête de la Victoire"),
    "Ascension": _lazy("l'Ascension"),
    "Lundi de Pentecôte": _lazy("le lundi de Pentecôte"),
    "Fête nationale": _lazy("la fête nationale"),
    "Assomption": _lazy("l'Assomption"),
    "Toussaint": _lazy("la Toussaint"),
    "Armistice": _lazy("l'Armistice"),
    "Noël": _lazy("Noël"),
}


@functools.cache
def _french_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.France(years=year, language="fr"))


def holiday_name(day: datetime.date) -> str | None:
    """The public holiday `day` is in France (as a sentence names it), or None."""
    name = _french_holidays(day.year).get(day)
    if name is None:
        return None
    return str(HOLIDAY_NAMES.get(name, f"« {name} »"))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: datetime.date) -> datetime.date:
    """The first day after `day` that is neither a weekend nor a holiday."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@dataclass(frozen=True)
class HolidayNotice:
    """A meeting on a public holiday: what to say, and where it may move."""

    meeting: Meeting
    text: str
    next_day: datetime.date
    movable: bool


def holiday_notice(meeting: Meeting) -> HolidayNotice | None:
    """« Le lundi 6 avril 2026 est le lundi de Pâques, jour férié. » for a
    meeting held on a holiday, else None. `movable`: to come and not
    cancelled (a one-click move to `next_day`)."""
    day = meeting.date
    name = holiday_name(day)
    if name is None:
        return None
    text = _("Le %(day)s est %(holiday)s, jour férié.") % {
        "day": date_fr(day, "l j F Y"),
        "holiday": name,
    }
    movable = not meeting.is_cancelled and not meeting.has_started
    return HolidayNotice(meeting, text, next_working_day(day), movable)


def holiday_notices(meetings) -> list[HolidayNotice]:
    return [notice for meeting in meetings if (notice := holiday_notice(meeting))]


def move_off_holiday(meeting: Meeting) -> frozenset[str]:
    """Move a meeting held on a holiday to the next working day, at the same
    time; its invited members are told as for any change of date. Returns
    what changed (`Meeting.apply_changes`)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("structure").get(pk=meeting.pk)
        notice = holiday_notice(meeting)
        if notice is None:
            raise ValidationError(_("Cette RCP ne tombe pas un jour férié."))
        if not notice.movable:
            meeting.check_open()
            raise ValidationError(_("Cette RCP a déjà eu lieu : elle ne se déplace plus."))
        local = timezone.localtime(meeting.starts_at)
        starts_at = datetime.datetime.combine(notice.next_day, local.time(), tzinfo=PARIS)
        changes = meeting.apply_changes(starts_at=starts_at)
        invitations.send_update(meeting, changes=changes)
    return changes


# -- this meeting and the following ones ------------------------------------------------

THIS_ONLY, AND_FOLLOWING = "this", "following"


def following_meetings(meeting: Meeting):
    """The meetings of `meeting`'s series after it, to come and not cancelled."""
    if meeting.series_id is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.scheduled()
        .filter(
            series_id=meeting.series_id,
            starts_at__gt=max(meeting.starts_at, timezone.now()),
        )
        .exclude(pk=meeting.pk)
        .select_related("structure")
        .order_by("starts_at", "pk")
    )


def carried_values(before: dict, meeting: Meeting) -> dict:
    """What an edit of `meeting` (its fields `before` it) changed that the
    following meetings take: the start's time of day (each keeps its day),
    the length, the mode, the place, the video link — only what changed."""
    values = {}
    old_time = timezone.localtime(before["starts_at"]).time()
    new_time = timezone.localtime(meeting.starts_at).time()
    if new_time != old_time:
        values["time"] = new_time
    for name in ("duration_minutes", "mode", "place", "video_link"):
        if getattr(meeting, name) != before[name]:
            values[name] = getattr(meeting, name)
    return values


def carry_to_following(meeting: Meeting, values: dict) -> list[tuple[Meeting, frozenset[str]]]:
    """Apply `values` (`carried_values`) to the following meetings, each
    checked like a single change; a meeting that cannot take them raises a
    ValidationError naming it (the caller's transaction undoes the rest)."""
    changed = []
    for following in following_meetings(meeting).select_for_update(of=("self",)):
        update = {name: value for name, value in values.items() if name != "time"}
        if "time" in values:
            update["starts_at"] = datetime.datetime.combine(
                following.date, values["time"], tzinfo=PARIS
            )
        try:
            changes = following.apply_changes(**update)
        except ValidationError as error:
            raise ValidationError(
                _("La RCP du %(day)s ne peut pas prendre ce changement : %(why)s")
                % {"day": date_fr(following.date, "l j F Y"), "why": " ".join(error.messages)}
            ) from error
        if changes:
            changed.append((following, changes))
    return changed
