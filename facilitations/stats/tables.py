"""Tables of figures and how their cells are written: on the page (French
formatting), in a CSV for French Excel, in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# Cell kinds: how a value is shown on the page and written to the exports.
INT = "int"
HOURS = "hours"  # value in minutes, shown in hours with one decimal
DAYS = "days"  # a number of days, possibly with a half (median); None when no data
DURATION = "duration"  # a session's minutes, in hours with up to two decimals (0,75)
TEXT = "text"
DATE = "date"


def format_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """French formatting: narrow no-break space between thousands, decimal
    comma (« 1 234,5 »). Trailing zeros are dropped (« 12 », « 0,5 »)."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def minutes_to_hours(minutes: int) -> Decimal:
    """Hours with one decimal, as written in the exports."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_hours(minutes: int) -> str:
    """« 12,5 h »."""
    return f"{format_number(minutes_to_hours(minutes), 1)}\u00a0h"


def format_cell(value, kind: str) -> str:
    """A cell as shown on the page."""
    if value is None:
        return "–"
    if kind == HOURS:
        return format_hours(value)
    if kind == DAYS:
        return format_number(value, 1)
    if kind == DURATION:
        return f"{format_number(Decimal(value) / 60, 2)}\u00a0h"
    if kind == INT:
        return format_number(value)
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    return str(value)


def export_cell(value, kind: str) -> str:
    """A cell as written to a CSV for French Excel: decimal comma, no unit."""
    if value is None:
        return ""
    if kind == HOURS:
        return str(minutes_to_hours(value)).replace(".", ",")
    if kind == DAYS:
        return format_number(value, 1).replace("\u202f", "")
    if kind == DURATION:
        return format_number(Decimal(value) / 60, 2).replace("\u202f", "")
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    return str(value)


def typed_cell(value, kind: str):
    """A cell's value as typed in a spreadsheet: real numbers (hours, days)
    and dates; `gecolib.exports` then writes the XLSX cell."""
    if value is None:
        return None
    if kind == HOURS:
        return float(minutes_to_hours(value))
    if kind == DAYS:
        return float(value)
    if kind == DURATION:
        return round(value / 60, 2)
    return value


@dataclass
class Table:
    """One table of figures: its export name, French title, columns (label,
    kind) and rows of raw values (first column: the row header)."""

    name: str
    title: str
    sheet: str
    columns: list[tuple[str, str]]
    rows: list[list] = field(default_factory=list)
    chart: str = "hbar"  # "hbar", "vbar" (grouped columns) or "" (no chart)
    chart_columns: tuple[int, ...] = (1,)  # which value columns to draw
    footer: list | None = None  # a total row, when it makes sense
    row_kinds: list[str] | None = None  # per-row kind of column 1 (mixed-unit tables)

    def display_rows(self) -> list[list[str]]:
        return [self._convert(row, i, format_cell) for i, row in enumerate(self.rows)]

    def display_footer(self) -> list[str] | None:
        return self._convert(self.footer, None, format_cell) if self.footer else None

    def export_rows(self) -> Iterator[list[str]]:
        """Rows and total for a CSV file."""
        yield from self._all_rows(export_cell)

    def xlsx_rows(self) -> Iterator[list]:
        """Rows and total for a spreadsheet."""
        yield from self._all_rows(typed_cell)

    def _all_rows(self, convert) -> Iterator[list]:
        for i, row in enumerate(self.rows):
            yield self._convert(row, i, convert)
        if self.footer:
            yield self._convert(self.footer, None, convert)

    def _convert(self, row: list, index: int | None, convert) -> list:
        kinds = [kind for _label, kind in self.columns]
        if self.row_kinds and index is not None:
            kinds[1] = self.row_kinds[index]
        return [convert(value, kind) for value, kind in zip(row, kinds, strict=True)]

    @property
    def headers(self) -> list[str]:
        return [label for label, _kind in self.columns]


# Export names, in page order. Kept stable: staff bookmark export links.
TABLE_NAMES = [
    "synthese",
    "par-annee",
    "par-trimestre",
    "par-departement",
    "par-epci",
    "par-besoin",
    "par-type-structure",
    "heures-par-phase",
    "heures-par-aide",
    "delai-premiere-seance",
    "demandes-par-statut",
]
