"""French dates: "1er octobre", as French writes the first day of a month."""

from __future__ import annotations

import datetime
import re

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

register = template.Library()

# The day number written by the "j" format, alone between spaces or at the start.
_FIRST_DAY = re.compile(r"(^|\s)1(?=\s)")


@register.filter(expects_localtime=True, is_safe=False)
def date_fr(value: datetime.date | datetime.datetime | None, arg: str | None = None) -> str:
    """Like `date`, but the first of the month reads "1er" (French ordinal)."""
    result = date_filter(value, arg)
    if result and "j" in (arg or "") and getattr(value, "day", None) == 1:
        result = _FIRST_DAY.sub(r"\g<1>1er", result, count=1)
    return result


@register.filter(expects_localtime=True, is_safe=False)
def day_fr(value: datetime.date | datetime.datetime | None) -> str:
    """A day as a to-do or an agenda says it: « lundi 7 décembre », with the
    year only when it is not this year (« mardi 5 janvier 2027 »)."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime.datetime) else value
    this_year = day.year == timezone.localdate().year
    return date_fr(day, "l j F" if this_year else "l j F Y")
