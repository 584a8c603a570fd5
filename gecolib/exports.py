"""Spreadsheet-safe cells for every CSV and XLSX export of the portal.

Text typed by users (a structure's name, a session summary) ends up in files
that staff open in Excel or LibreOffice. A cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return would be read there as a formula (« formula
injection », OWASP "CSV Injection"): `=HYPERLINK(…)` becomes a live link,
others run commands. Every export writes its text cells through these helpers.

Every XLSX sheet of the portal is built by `add_xlsx_sheet`: columns sized to
their content, the header row frozen and a filter on each column.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from itertools import chain, islice
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
