"""The export files of the statistics (CSV for French Excel, XLSX), written by
`gecolib.exports`: answered at once when small, built in the background when
large (`background.py`, gecolib/background_exports.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gecolib.exports import add_xlsx_sheet, safe_csv_row, write_spreadsheet

from ..models import Session
from .compute import Statistics
from .exports import SESSION_KINDS, session_headers, session_rows
from .period import Period
from .tables import DATE, DURATION, TEXT, Table, export_cell, typed_cell

NUMBER_FORMATS = {DATE: "DD/MM/YYYY", DURATION: "0.00"}
SESSION_NUMBER_FORMATS = {
    index: NUMBER_FORMATS[kind]
    for index, kind in enumerate(SESSION_KINDS)
    if kind in NUMBER_FORMATS
}
"""The format of the « Séances » sheet's dates and durations, by column."""

Progress = Callable[[int, int], None]


def text_columns(kinds: Iterable[str]) -> list[bool]:
    """Which cells of a CSV row hold text (neutralised if they look like a
    formula); figures such as « -1,5 » stay as they are."""
    return [kind in (TEXT, DATE) for kind in kinds]


def session_count(period: Period) -> int:
    """How many rows the sessions export of the period has (one query)."""
    return Session.objects.filter(date__gte=period.start, date__lte=period.end).count()


def _counted(rows: Iterable[list], total: int, progress: Progress | None) -> Iterator[list]:
    for done, row in enumerate(rows, start=1):
        yield row
        if progress:
            progress(done, total)


def _session_cells(
    period: Period, convert, progress: Progress | None, total: int
) -> Iterator[list]:
    for row in _counted(session_rows(period), total, progress):
        yield [convert(value, kind) for value, kind in zip(row, SESSION_KINDS, strict=True)]


def session_spreadsheet(
    period: Period, export_format: str, progress: Progress | None = None, total: int = 0
) -> dict[str, Any]:
    """The sessions of the period as the arguments of `write_spreadsheet` (or
    `spreadsheet_response`): CSV cells written for French Excel, XLSX cells
    typed (numbers, dates)."""
    convert = typed_cell if export_format == "xlsx" else export_cell
    return {
        "headers": session_headers(),
        "rows": _session_cells(period, convert, progress, total),
        "export_format": export_format,
        "title": _("Séances"),
        "text_columns": text_columns(SESSION_KINDS),
        "number_formats": SESSION_NUMBER_FORMATS,
    }


def write_sessions(period: Period, export_format: str, out: BinaryIO, progress=None) -> None:
    """The sessions export of the period, as CSV or XLSX, into `out`."""
    total = session_count(period)
    write_spreadsheet(out, **session_spreadsheet(period, export_format, progress, total))


def table_spreadsheet(table: Table, export_format: str) -> dict[str, Any]:
    """One table as the arguments of `write_spreadsheet`: CSV cells written for
    French Excel, XLSX cells typed, on a sheet named after the table."""
    return {
        "headers": table.headers,
        "rows": table.xlsx_rows() if export_format == "xlsx" else table.export_rows(),
        "export_format": export_format,
        "title": table.sheet,
        "text_columns": text_columns(kind for _label, kind in table.columns),
    }


def tables_csv(tables: list[Table], period: Period) -> dict[str, Any]:
    """Several tables one after the other in one CSV file, as the arguments of
    `write_spreadsheet`: each table after a blank line (but the first), under
    its title and header. The first table's title stands as the file's
    header; the cells come neutralised by each table's own kinds of column,
    so no column is text for the writer."""

    def lines() -> Iterator[list]:
        for index, table in enumerate(tables):
            if index:
                yield []
            yield safe_csv_row([f"{table.title} – {period.label}"])
            yield safe_csv_row([str(header) for header in table.headers])
            texts = text_columns(kind for _label, kind in table.columns)
            for row in table.export_rows():
                yield safe_csv_row(row, texts)

    rows = lines()
    width = max(len(table.columns) for table in tables)
    return {
        "headers": next(rows),
        "rows": rows,
        "export_format": "csv",
        "text_columns": [False] * width,
    }


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
        add_xlsx_sheet(workbook, table.sheet, list(table.headers), table.xlsx_rows())
    if with_sessions:
        sessions = session_spreadsheet(statistics.period, "xlsx", progress, total)
        add_xlsx_sheet(
            workbook,
            sessions["title"],
            list(sessions["headers"]),
            sessions["rows"],
            number_formats=sessions["number_formats"],
        )
    return workbook
