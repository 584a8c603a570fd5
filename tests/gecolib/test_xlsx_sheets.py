"""Every XLSX sheet of the portal: columns sized to their content, the header
row frozen, a filter on every column (gecolib.exports.add_xlsx_sheet)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gecolib.exports import MAX_WIDTH, MIN_WIDTH, add_xlsx_sheet
from tests.facilitations.stats_factories import StatsSessionFactory


def _read(workbook: Workbook):
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    return load_workbook(handle)


def test_a_sheet_has_widths_a_frozen_header_and_a_filter():
    workbook = Workbook(write_only=True)
    long_text = "Synthèse partagée avec l'équipe, " * 5
    add_xlsx_sheet(
        workbook,
        "Séances",
        ["Date", "Structure", "Durée (h)", "Synthèse"],
        [
            [dt.date(2025, 3, 4), "ESP de Plérin", 1.5, long_text],
            [dt.date(2025, 3, 11), "Maison de santé pluriprofessionnelle du Val", 2.0, ""],
        ],
        number_formats={0: "DD/MM/YYYY", 2: "0.00"},
    )
    sheet = _read(workbook)["Séances"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    widths = {col: sheet.column_dimensions[col].width for col in "ABCD"}
    assert widths["A"] == 12  # a date: 10 characters, plus a margin
    assert widths["B"] == len("Maison de santé pluriprofessionnelle du Val") + 2
    assert widths["C"] == len("Durée (h)") + 2  # the header is the widest
    assert widths["D"] == MAX_WIDTH  # long text is capped (it wraps in the cell)
    assert all(width >= MIN_WIDTH for width in widths.values())
    assert [cell.value for cell in sheet[1]] == ["Date", "Structure", "Durée (h)", "Synthèse"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet["A2"].number_format == "DD/MM/YYYY" and sheet["C2"].number_format == "0.00"
    assert sheet["B3"].value == "Maison de santé pluriprofessionnelle du Val"


def test_an_empty_sheet_keeps_its_header_and_filter():
    workbook = Workbook(write_only=True)
    add_xlsx_sheet(workbook, "Vide", ["Nom", "Nombre"], [])
    sheet = _read(workbook)["Vide"]
    assert sheet.auto_filter.ref == "A1:B1"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == MIN_WIDTH


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("facilitations:stats_export", {"format": "xlsx", "table": "all", "annee": 2025}),
        ("facilitations:sessions_export", {"format": "xlsx", "annee": 2025}),
    ],
)
def test_every_sheet_of_the_portal_exports(client_for, staff, url, params):
    StatsSessionFactory(date=dt.date(2025, 5, 6), help_given=["animation-groupe"])
    response = client_for(staff).get(reverse(url), params)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.worksheets
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        last = sheet.cell(row=1, column=sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        for column in range(1, sheet.max_column + 1):
            letter = sheet.cell(row=1, column=column).column_letter
            header = str(sheet.cell(row=1, column=column).value)
            width = sheet.column_dimensions[letter].width
            assert min(len(header) + 2, MAX_WIDTH) <= width <= MAX_WIDTH, (sheet.title, header)
