"""Spreadsheet-safe cells for every CSV and XLSX export of the portal.

Text typed by users (a structure's name, a session summary) ends up in files
that staff open in Excel or LibreOffice. A cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return would be read there as a formula (« formula
injection », OWASP "CSV Injection"): `=HYPERLINK(…)` becomes a live link,
others run commands. Every export writes its text cells through these helpers.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell

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
