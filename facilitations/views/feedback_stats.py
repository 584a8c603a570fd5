"""What the professionals thought of the facilitations, for staff: the page
of a period and its CSV/XLSX exports (the figures, and the comments without
names). Figures come from `facilitations.stats.feedback`."""

from __future__ import annotations

import tempfile
from urllib.parse import urlencode

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from gecolib.access import staff_required
from gecolib.exports import EXPORT_FORMATS, XLSX_CONTENT_TYPE, add_xlsx_sheet, spreadsheet_response

from .. import charts, stats
from ..forms import PeriodForm
from ..stats import DATE, TEXT, Period, Table, files
from ..stats.feedback import (
    COMMENT_COLUMNS,
    comment_headers,
    comment_rows,
    compute_feedback_statistics,
)
from ..stats.tables import export_cell, typed_cell


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.period()


def _url(name: str, period: Period, **extra: str) -> str:
    return f"{reverse(name)}?{urlencode({**period.query_params(), **extra})}"


def _section(table: Table) -> dict:
    numeric = [kind not in (TEXT, DATE) for _label, kind in table.columns]

    def cells(row):
        return [
            {"value": value, "numeric": is_number}
            for value, is_number in zip(row, numeric, strict=False)
        ]

    chart = ""
    if table.chart == "hbar" and table.rows:
        chart = charts.hbar_chart(
            f"graphique-{table.name}",
            table.title,
            [(str(row[0]), row[1]) for row in table.rows],
            stats.format_number,
        )
    return {
        "table": table,
        "columns": [
            {"label": label, "numeric": is_number}
            for label, is_number in zip(table.headers, numeric, strict=True)
        ],
        "rows": [cells(row) for row in table.display_rows()],
        "footer": cells(table.display_footer() or []),
        "chart": chart,
    }


@require_safe
@staff_required
def feedback_stats(request: HttpRequest) -> HttpResponse:
    """The answers to the questionnaire of the facilitations closed in a
    period: response rate, satisfaction, NPS, by year, department and kind
    of structure."""
    form, period = _period(request)
    period = period or Period.year(form.today.year)
    if not form.is_bound:
        form.initial["annee"] = period.start.year
    statistics = compute_feedback_statistics(period)
    context = {
        "form": form,
        "period": period,
        "statistics": statistics,
        "sections": [_section(table) for table in statistics.ordered_tables],
        "years": [
            {
                "year": year,
                "url": _url("facilitations:feedback_stats", Period.year(year)),
                "current": period == Period.year(year),
            }
            for year in stats.data_years(form.today)
        ],
        "exports": {
            "xlsx": _url("facilitations:feedback_export", period, format="xlsx"),
            "csv": _url("facilitations:feedback_export", period, format="csv"),
            "comments_csv": _url(
                "facilitations:feedback_export", period, format="csv", table="commentaires"
            ),
        },
    }
    return render(request, "facilitations/feedback/stats.html", context)


def _comment_cells(period: Period, convert):
    kinds = [kind for _label, kind in COMMENT_COLUMNS]
    for row in comment_rows(period):
        yield [convert(value, kind) for value, kind in zip(row, kinds, strict=True)]


@require_safe
@staff_required
def feedback_export(request: HttpRequest) -> HttpResponse:
    """The figures of the page (`table=` one of them, or all), or the comments
    (`table=commentaires`): CSV or XLSX. The XLSX of all holds one sheet per
    table and the « Commentaires » sheet. No one is named."""
    export_format = request.GET.get("format", "")
    if export_format not in EXPORT_FORMATS:
        return _bad_request(_("Format d'export inconnu : choisissez csv ou xlsx."))
    form, period = _period(request)
    if period is None:
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _bad_request(_("Période invalide : %(errors)s") % {"errors": errors})
    table_name = request.GET.get("table", "all")
    stem = f"avis-facilitations_{period.slug}"
    text_columns = files.text_columns(kind for _label, kind in COMMENT_COLUMNS)
    if table_name == "commentaires":
        convert = typed_cell if export_format == "xlsx" else export_cell
        return spreadsheet_response(
            f"{stem}_commentaires",
            headers=comment_headers(),
            rows=_comment_cells(period, convert),
            export_format=export_format,
            title=_("Commentaires"),
            text_columns=text_columns,
            number_formats={0: files.NUMBER_FORMATS[DATE]},
        )
    statistics = compute_feedback_statistics(period)
    if table_name != "all":
        if table_name not in statistics.tables:
            return _bad_request(_("Tableau inconnu : %(name)s.") % {"name": table_name})
        table = statistics.tables[table_name]
        return spreadsheet_response(
            f"{stem}_{table_name}", **files.table_spreadsheet(table, export_format)
        )
    if export_format == "csv":
        return spreadsheet_response(stem, **files.tables_csv(statistics.ordered_tables, period))
    workbook = Workbook(write_only=True)
    for table in statistics.ordered_tables:
        add_xlsx_sheet(workbook, table.sheet, list(table.headers), table.xlsx_rows())
    add_xlsx_sheet(
        workbook,
        _("Commentaires"),
        comment_headers(),
        _comment_cells(period, typed_cell),
        number_formats={0: files.NUMBER_FORMATS[DATE]},
    )
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=f"{stem}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
