"""The statistics exports that go to the background when large
(gecolib/background_exports.py): the sessions of a period (CSV or XLSX) and
the workbook of every table with its « Séances » sheet. Registered when the
app is ready, in the web process and in the Celery worker alike."""

from __future__ import annotations

import datetime

from gecolib.background_exports import register_export

from .cache import statistics_for
from .files import session_count, statistics_workbook, write_sessions
from .period import Period

SESSIONS = "facilitations.sessions"
STATISTICS = "facilitations.statistics"


def period_params(period: Period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _period(params: dict) -> Period:
    return Period(
        datetime.date.fromisoformat(params["start"]), datetime.date.fromisoformat(params["end"])
    )


@register_export(SESSIONS)
def sessions(params: dict, out, progress) -> None:
    write_sessions(_period(params), params["format"], out, progress)


@register_export(STATISTICS)
def statistics(params: dict, out, progress) -> None:
    period = _period(params)
    result = statistics_for(period)
    workbook = statistics_workbook(
        result,
        result.ordered_tables,
        with_sessions=True,
        progress=progress,
        total=session_count(period),
    )
    workbook.save(out)
