"""Spreadsheet-safe cells for every CSV and XLSX export of the portal.

Text typed by users (a structure's name, a session summary) ends up in files
that staff open in Excel or LibreOffice. A cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return would be read there as a formula (« formula
injection », OWASP "CSV Injection"): `=HYPERLINK(…)` becomes a live link,
others run commands. Every export writes its text cells through these helpers.

Every XLSX sheet of the portal is built by `add_xlsx_sheet`: columns sized to
their content, the header row frozen and a filter on each column. Every
one-table file, CSV or XLSX, is written by `write_spreadsheet` — into a
response by `spreadsheet_response`, into a file by a background export.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from itertools import chain, islice
from typing import Any

from django.http import FileResponse, Http404
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
EXPORT_FORMATS = tuple(CONTENT_TYPES)


def safe_csv_cell(value: Any) -> Any:
    """A text cell for a CSV file: prefixed with a single quote when it starts
    like a formula, so spreadsheets show it as text. Other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv_row(row: list, text_columns: list[bool] | None = None) -> list:
    """A CSV row with its text cells neutralised. `text_columns` says which
    cells hold text (figures the portal computed, such as « -1,5 », stay as
    they are); without it, every string cell is text."""
    if text_columns is None:
        return [safe_csv_cell(value) for value in row]
    return [
        safe_csv_cell(value) if is_text else value
        for value, is_text in zip(row, text_columns, strict=False)
    ] + [safe_csv_cell(value) for value in row[len(text_columns) :]]


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A write-only XLSX cell that holds `value` as a string, never a formula:
    openpyxl would otherwise store any text starting with `=` as a formula."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    """A write-only XLSX cell: strings as text (see `text_cell`), numbers and
    dates typed as they are."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return text_cell(sheet, value)
    return WriteOnlyCell(sheet, value=value)


# ---------------------------------------------------------------- XLSX sheets

WIDTH_SAMPLE = 500
"""Rows read to size the columns (a write-only sheet writes its column widths
before its rows: the first rows are held back, measured, then written)."""
MIN_WIDTH, MAX_WIDTH = 8, 60


def display_width(value: Any) -> int:
    """About how many characters a value takes once shown in a spreadsheet."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def header_cells(sheet, headers: Iterable) -> list[WriteOnlyCell]:
    """The header row: bold text cells."""
    cells = []
    for header in headers:
        cell = text_cell(sheet, str(header))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def add_xlsx_sheet(
    workbook: Workbook,
    title: str,
    headers: list,
    rows: Iterable[list],
    *,
    number_formats: dict[int, str] | None = None,
):
    """A sheet of a portal export, ready to read: a bold header row that stays
    on screen (frozen), a filter on every column, columns as wide as their
    content (between MIN_WIDTH and MAX_WIDTH characters). Cells go through
    `xlsx_cell` (text is never a formula); `number_formats` gives the format
    of some columns by index (« DD/MM/YYYY », « 0.00 »). Rows are streamed
    after the first WIDTH_SAMPLE ones."""
    sheet = workbook.create_sheet(title)
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    widths = [display_width(header) for header in headers]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], display_width(value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    sheet.append(header_cells(sheet, headers))
    formats = number_formats or {}
    count = 0
    for row in chain(sample, rows):
        cells = []
        for index, value in enumerate(row):
            cell = xlsx_cell(sheet, value)
            if index in formats:
                cell.number_format = formats[index]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    return sheet


# ---------------------------------------------------------------- one-table files


def csv_value(value: Any) -> Any:
    """A cell as French Excel reads it: decimals with a comma (« 12,50 »),
    dates as « 31/12/2026 », nothing for None; other values unchanged."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal | float):
        if value == int(value):
            return str(int(value))
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def write_spreadsheet(
    out,
    headers: Iterable,
    rows: Iterable[list],
    export_format: str,
    *,
    title: str = "Export",
    text_columns: list[bool] | None = None,
    number_formats: dict[int, str] | None = None,
) -> None:
    """One table into the binary file `out`: CSV for French Excel (UTF-8 with
    a BOM, « ; » between cells) or an XLSX sheet (`add_xlsx_sheet`). Text cells
    never become formulas; `text_columns` says which CSV cells hold text
    (default: every string), `number_formats` the format of XLSX columns."""
    if export_format not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format: {export_format!r}")
    if export_format == "xlsx":
        workbook = Workbook(write_only=True)
        add_xlsx_sheet(workbook, title[:31], list(headers), rows, number_formats=number_formats)
        workbook.save(out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write("\ufeff")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_csv_row([str(header) for header in headers]))
    for row in rows:
        writer.writerow(safe_csv_row([csv_value(value) for value in row], text_columns))
    text.flush()
    text.detach()


def spreadsheet_response(
    name: str, headers: Iterable, rows: Iterable[list], export_format: str, **options: Any
) -> FileResponse:
    """A download of one table, `name.csv` or `name.xlsx` (404 for another
    format); `options` as for `write_spreadsheet`. The file is spooled to disk,
    so a long export does not sit in memory; Django writes its
    Content-Disposition (`content_disposition_header`)."""
    if export_format not in CONTENT_TYPES:
        raise Http404(gettext("Format d'export inconnu."))
    handle = tempfile.TemporaryFile()
    write_spreadsheet(handle, headers, rows, export_format, **options)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{name}.{export_format}",
        content_type=CONTENT_TYPES[export_format],
    )
