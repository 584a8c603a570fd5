"""Yearly cooperation figures as CSV (French Excel: UTF-8 with BOM, « ; ») or
XLSX, for the annual indicators questionnaire; every text cell is neutralised
(gecolib/exports.py)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gecolib.exports import safe_csv_row, text_cell, xlsx_cell
from gecolib.models import EPCI

from ..models.cooperation.financing import year_financing

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def with_departments(declarations):
    """Declarations with their structure's EPCIs and departments (as lists)."""
    return declarations.prefetch_related(
        Prefetch(
            "structure__epcis",
            queryset=EPCI.objects.select_related("department").order_by("name"),
            to_attr="epci_list",
        )
    )


def structure_department(structure) -> str:
    """The structure's department: its seat's, or its first EPCI's (prefetched)."""
    if structure.commune_id and structure.commune.department_id:
        return structure.commune.department.code
    epcis = getattr(structure, "epci_list", None)
    for epci in structure.epcis.all() if epcis is None else epcis:
        return epci.department.code
    return ""


def headers() -> list[str]:
    return [
        _("Structure"),
        _("Type"),
        _("Département"),
        _("Protocole"),
        _("Statut"),
        _("N° de dossier démarches-simplifiées"),
        _("Mois"),
        _("Patients inclus"),
        _("Réévaluations"),
        _("Revoyures"),
        _("Exclusions"),
        _("Montant (€)"),
        _("Calcul"),
        _("Motif d'absence de financement"),
    ]


# Which columns hold text typed by people or labels (neutralised in CSV).
TEXT_COLUMNS = [True] * 7 + [False] * 5 + [True, True]


def rows(declarations: Iterable, year: int) -> Iterable[list]:
    """One row per month of activity, then the declaration's total for the year
    (declarations from `declarations_with_year`)."""
    for declaration in declarations:
        structure = declaration.structure
        head = [
            structure.name,
            structure.get_kind_display(),
            structure_department(structure),
            declaration.protocol.short_name,
            declaration.get_status_display(),
            declaration.ds_number,
        ]
        financing = year_financing(declaration, declaration.year_activities, year)
        for month in financing.months:
            yield head + [
                month.month.strftime("%Y-%m"),
                month.inclusions,
                month.reevaluations,
                month.revoyures,
                month.exclusions,
                month.amount,
                month.shown_calculation,
                month.reason,
            ]
        if financing.months:
            yield head + [
                _("Total %(year)s") % {"year": year},
                financing.inclusions,
                financing.reevaluations,
                financing.revoyures,
                financing.exclusions,
                financing.amount,
                financing.calculation,
                " ".join(financing.reasons),
            ]


def _csv_number(amount: Decimal) -> str:
    """370 → "370", 12.5 → "12,50" (French Excel)."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}".replace(".", ",")


def spreadsheet_response(
    export_format: str, filename: str, title: str, data: Iterable[list]
) -> HttpResponse:
    if export_format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title[:31])
        header_cells = []
        for header in headers():
            cell = text_cell(sheet, header)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in data:
            # Text through `xlsx_cell` (never a formula); figures as plain values.
            sheet.append(
                [
                    float(value)
                    if isinstance(value, Decimal)
                    else value
                    if isinstance(value, int | float)
                    else xlsx_cell(sheet, value)
                    for value in row
                ]
            )
        handle = tempfile.TemporaryFile()
        workbook.save(handle)
        handle.seek(0)
        return FileResponse(
            handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE
        )
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_csv_row(headers()))
    for row in data:
        writer.writerow(
            safe_csv_row(
                [_csv_number(v) if isinstance(v, Decimal) else v for v in row],
                TEXT_COLUMNS,
            )
        )
    response = HttpResponse(buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
