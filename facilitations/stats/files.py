"""The export files of the statistics (CSV for French Excel, XLSX), written
to a stream: answered at once when small, built in the background when large
(`background.py`, gecolib/background_exports.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gecolib.exports import add_xlsx_sheet, safe_csv_row

from ..models import Session
from .compute import Statistics
from .exports import SESSION_KINDS, session_headers, session_rows
from .period import Period
from .tables import DATE, DURATION, TEXT, Table, export_cell, xlsx_cell

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
SESSION_NUMBER_FORMATS = {DATE: "DD/MM/YYYY", DURATION: "0.00"}

Progress = Callable[[int, int], None]


class _Echo:
    """A write-only file that hands back what it is given, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """CSV lines for French Excel. Rows come already neutralised
    (`gecolib.exports.safe_csv_row`): only the caller knows which cells are text."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM
    for row in rows:
        yield writer.writerow(row)


def text_columns(kinds: Iterable[str]) -> list[bool]:
    return [kind in (TEXT, DATE) for kind in kinds]


def session_count(period: Period) -> int:
    """How many rows the sessions export of the period has (one query)."""
    return Session.objects.filter(date__gte=period.start, date__lte=period.end).count()


def _counted(rows: Iterable[list], total: int, progress: Progress | None) -> Iterator[list]:
    for done, row in enumerate(rows, start=1):
        yield row
        if progress:
            progress(done, total)


def session_csv_rows(period: Period, progress: Progress | None = None, total: int = 0):
    yield safe_csv_row(session_headers())
    texts = text_columns(SESSION_KINDS)
    for row in _counted(session_rows(period), total, progress):
        yield safe_csv_row(
            [export_cell(value, kind) for value, kind in zip(row, SESSION_KINDS, strict=True)],
            texts,
        )


def add_table_sheet(workbook: Workbook, table: Table) -> None:
    """One table per sheet; text cells are strings, never formulas."""
    add_xlsx_sheet(workbook, table.sheet, list(table.headers), table.xlsx_rows())


def add_sessions_sheet(
    workbook: Workbook, period: Period, progress: Progress | None = None, total: int = 0
) -> None:
    rows = (
        [xlsx_cell(value, kind) for value, kind in zip(row, SESSION_KINDS, strict=True)]
        for row in _counted(session_rows(period), total, progress)
    )
    add_xlsx_sheet(
        workbook,
        _("Séances"),
        list(session_headers()),
        rows,
        number_formats={
            index: SESSION_NUMBER_FORMATS[kind]
            for index, kind in enumerate(SESSION_KINDS)
            if kind in SESSION_NUMBER_FORMATS
        },
    )


def statistics_workbook(
    statistics: Statistics,
    tables: list[Table],
    *,
    with_sessions: bool,
    progress: Progress | None = None,
    total: int = 0,
) -> Workbook:
    """One sheet per table, plus the « Séances » sheet when asked."""
    workbook = Workbook(write_only=True)
    for table in tables:
        add_table_sheet(workbook, table)
    if with_sessions:
        add_sessions_sheet(workbook, statistics.period, progress, total)
    return workbook


def write_sessions(period: Period, export_format: str, out: BinaryIO, progress=None) -> None:
    """The sessions export of the period, as CSV or XLSX, into `out`."""
    total = session_count(period)
    if export_format == "xlsx":
        workbook = Workbook(write_only=True)
        add_sessions_sheet(workbook, period, progress, total)
        workbook.save(out)
    else:
        for line in csv_lines(session_csv_rows(period, progress, total)):
            out.write(line.encode())
