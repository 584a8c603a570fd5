"""The period of the statistics: a range of calendar days in the portal's
time zone, with its years and quarters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Facilitation, FacilitationRequest

# Longest period one may ask for: keeps the quarter table readable.
MAX_PERIOD_YEARS = 10


@dataclass(frozen=True)
class Period:
    """A range of calendar days, bounds included, in the portal's time zone."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def label(self) -> str:
        """French label: « 2025 » or « du 01/01/2025 au 30/06/2025 »."""
        if self.is_calendar_year:
            return str(self.start.year)
        return _("du %(start)s au %(end)s") % {
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
        }

    @property
    def slug(self) -> str:
        """For file names: « 2025 » or « 2025-01-01_2025-06-30 »."""
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @cached_property
    def start_dt(self) -> dt.datetime:
        """First instant of the period (aware, local time)."""
        return _local_midnight(self.start)

    @cached_property
    def end_dt(self) -> dt.datetime:
        """First instant after the period (exclusive bound)."""
        return _local_midnight(self.end + dt.timedelta(days=1))

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter) pairs the period touches, in order."""
        result = []
        year, quarter = self.start.year, quarter_of(self.start)
        while (year, quarter) <= (self.end.year, quarter_of(self.end)):
            result.append((year, quarter))
            year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        return result

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def query_params(self) -> dict[str, str]:
        """GET parameters that select this period on the page and the exports."""
        if self.is_calendar_year:
            return {"annee": str(self.start.year)}
        return {"du": self.start.isoformat(), "au": self.end.isoformat()}


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """« 2025 T1 » (T for trimestre)."""
    return _("%(year)s T%(quarter)s") % {"year": year, "quarter": quarter}


def data_years(today: dt.date | None = None) -> list[int]:
    """Years offered as quick links: from the first facilitation or request on
    record to the current year, most recent first. Two queries."""
    today = today or timezone.localdate()
    firsts = [
        Facilitation.objects.aggregate(first=Min("opened_at"))["first"],
        FacilitationRequest.objects.aggregate(first=Min("created_at"))["first"],
    ]
    known = [timezone.localtime(moment).year for moment in firsts if moment is not None]
    first_year = min([*known, today.year])
    return list(range(today.year, first_year - 1, -1))
