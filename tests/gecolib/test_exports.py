"""Formula injection in the exports (issue 8, finding 5): text typed by users
that starts like a formula is neutralised in CSV (a leading single quote) and
stored as a string, never a formula, in XLSX. Figures and dates stay typed."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gecolib.exports import safe_csv_cell, safe_csv_row, text_cell, xlsx_cell
from tests.facilitations.stats_factories import StatsSessionFactory
from tests.factories import FacilitationFactory, StructureFactory

HYPERLINK = '=HYPERLINK("http://x","y")'
SUMMARIES = ["@SUM(1)", "+1", "-2", "\tcmd", "\rcmd", "=1+1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("@SUM(1)", "'@SUM(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("MSP de Bréal", "MSP de Bréal"),
        ("a=b", "a=b"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_safe_csv_cell(value, expected):
    assert safe_csv_cell(value) == expected


def test_safe_csv_row_leaves_computed_figures_alone():
    assert safe_csv_row(["-équipe", "-1,5", "=x"], [True, False, True]) == [
        "'-équipe",
        "-1,5",
        "'=x",
    ]


def test_xlsx_cells_are_strings_or_typed_values():
    sheet = Workbook(write_only=True).create_sheet()
    assert text_cell(sheet, HYPERLINK).data_type == "s"
    assert xlsx_cell(sheet, "=1+1").data_type == "s"
    assert xlsx_cell(sheet, 3).data_type == "n"
    assert xlsx_cell(sheet, dt.date(2025, 3, 3)).data_type == "d"


@pytest.fixture
def hostile_dataset(db):
    structure = StructureFactory(name=HYPERLINK)
    facilitation = FacilitationFactory(structure=structure)
    today = timezone.localdate()
    for summary in SUMMARIES:
        StatsSessionFactory(facilitation=facilitation, date=today, shared_summary=summary)
    return today.year


def _csv(response) -> list[list[str]]:
    raw = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))


def _assert_no_formula(raw: bytes) -> list:
    """Reads a workbook back: no cell anywhere is a formula; returns every
    sheet's rows of cells."""
    workbook = load_workbook(io.BytesIO(raw))
    all_rows = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
            all_rows.append(row)
    return all_rows


def test_sessions_csv_neutralises_formulas(client_for, staff, hostile_dataset):
    response = client_for(staff).get(
        reverse("facilitations:sessions_export"), {"annee": hostile_dataset, "format": "csv"}
    )
    assert response.status_code == 200
    rows = _csv(response)[1:]
    assert len(rows) == len(SUMMARIES)
    assert {row[1] for row in rows} == {"'" + HYPERLINK}
    assert sorted(row[-1] for row in rows) == sorted("'" + text for text in SUMMARIES)
    # Figures stay plain: the duration (1,5 h) and the participants.
    assert {row[7] for row in rows} == {"1,5"}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_sessions_xlsx_writes_text_never_formulas(client_for, staff, hostile_dataset):
    response = client_for(staff).get(
        reverse("facilitations:sessions_export"), {"annee": hostile_dataset, "format": "xlsx"}
    )
    assert response.status_code == 200
    rows = _assert_no_formula(b"".join(response.streaming_content))
    body = rows[1:]
    assert {row[1].value for row in body} == {HYPERLINK}
    # The text is intact (some XML writers store a carriage return as a line
    # feed, others as &#13;: both read back as the same line break).
    assert sorted(row[10].value.replace("\r", "\n") for row in body) == sorted(
        s.replace("\r", "\n") for s in SUMMARIES
    )
    assert all(row[10].data_type == "s" for row in body)
    # Dates and figures keep their types.
    assert all(isinstance(row[0].value, dt.datetime) for row in body)
    assert all(row[7].data_type == "n" and row[7].value == 1.5 for row in body)


def test_statistics_exports_neutralise_formulas(client_for, staff, hostile_dataset):
    client = client_for(staff)
    url = reverse("facilitations:stats_export")
    response = client.get(url, {"annee": hostile_dataset, "format": "xlsx", "table": "all"})
    assert response.status_code == 200
    rows = _assert_no_formula(b"".join(response.streaming_content))
    values = {cell.value for row in rows for cell in row}
    assert HYPERLINK in values and "@SUM(1)" in values

    response = client.get(url, {"annee": hostile_dataset, "format": "csv", "table": "all"})
    assert response.status_code == 200
    for row in _csv(response):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
