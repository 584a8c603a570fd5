"""Activity statistics for staff: the page, and its CSV/XLSX exports for the
annual activity report. Figures come from `facilitations.stats`."""

from __future__ import annotations

import tempfile
from urllib.parse import urlencode

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from gecolib.access import staff_required
from gecolib.background_exports import BACKGROUND_ROWS, start_export
from gecolib.exports import CONTENT_TYPES, EXPORT_FORMATS, XLSX_CONTENT_TYPE, spreadsheet_response

from .. import charts, stats
from ..forms import PeriodForm
from ..stats import DATE, DAYS, HOURS, TEXT, Period, Table, background, files


def _period_or_error(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.period()


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _period_url(name: str, period: Period, **extra: str) -> str:
    """A link of the page (a year, an export) for `period`."""
    return f"{reverse(name)}?{urlencode({**period.query_params(), **extra})}"


# ------------------------------------------------------------------- the page


def _value_text(kind: str):
    if kind == HOURS:
        return stats.format_hours
    if kind == DAYS:
        return lambda value: _("%(days)s j") % {"days": stats.format_number(value, 1)}
    return stats.format_number


def _chart(table: Table):
    """The SVG of a table, drawn from the same rows as the table itself."""
    chart_id = f"graphique-{table.name}"
    if table.chart == "vbar":
        categories = [row[0] for row in table.rows]
        series = [
            (table.columns[col][0], [row[col] for row in table.rows]) for col in table.chart_columns
        ]
        kind = table.columns[table.chart_columns[0]][1]
        return charts.vbar_chart(chart_id, table.title, categories, series, _value_text(kind))
    if table.chart == "hbar":
        col = table.chart_columns[0]
        items = [(_row_label(table, row), row[col]) for row in table.rows if row[col] is not None]
        return charts.hbar_chart(chart_id, table.title, items, _value_text(table.columns[col][1]))
    return ""


def _has_values(table: Table) -> bool:
    """Whether the drawn columns hold anything but zeros: an empty period gets
    a sentence instead of a chart of flat bars that looks broken."""
    return any(row[col] for row in table.rows for col in table.chart_columns)


def _row_label(table: Table, row: list) -> str:
    if table.name == "par-epci":
        department_code = row[1].split(" – ")[0] if " – " in row[1] else row[1]
        return f"{row[0]} ({department_code})"
    return str(row[0])


def _numeric(table: Table) -> list[bool]:
    """Which columns hold figures (right-aligned); names and text stay left."""
    return [kind not in (TEXT, DATE) for _label, kind in table.columns]


def _columns(table: Table) -> list[dict]:
    return [
        {"label": label, "numeric": numeric}
        for label, numeric in zip(table.headers, _numeric(table), strict=True)
    ]


def _cells(table: Table, row: list[str]) -> list[dict]:
    """A displayed row with each cell's alignment, for the page's tables."""
    return [
        {"value": value, "numeric": numeric}
        for value, numeric in zip(row, _numeric(table), strict=False)
    ]


# The page's sections: the tables after the summary, by theme (one h2 each,
# listed in the table of contents). A table in no theme lands in « Autres ».
SECTION_GROUPS = [
    ("ouvertures", _lazy("Ouvertures et clôtures"), ["par-annee", "par-trimestre"]),
    ("territoires", _lazy("Territoires"), ["par-departement", "par-epci"]),
    ("besoins", _lazy("Besoins et types de structure"), ["par-besoin", "par-type-structure"]),
    ("temps", _lazy("Temps passé"), ["heures-par-phase", "heures-par-aide"]),
    ("demandes", _lazy("Demandes et délais"), ["delai-premiere-seance", "demandes-par-statut"]),
]


def _grouped(sections: list[dict]) -> list[dict]:
    """The sections by theme, in the order of SECTION_GROUPS."""
    by_name = {section["table"].name: section for section in sections}
    groups = []
    for slug, title, names in SECTION_GROUPS:
        members = [by_name.pop(name) for name in names if name in by_name]
        if members:
            groups.append({"slug": slug, "title": title, "sections": members})
    if by_name:
        groups.append({"slug": "autres", "title": _("Autres"), "sections": list(by_name.values())})
    return groups


@require_safe
@staff_required
def stats_page(request: HttpRequest) -> HttpResponse:
    """Activity figures of a period, as charts and tables."""
    form, period = _period_or_error(request)
    period = period or Period.year(form.today.year)
    if not form.is_bound:
        # The year shown is the year in the form.
        form.initial["annee"] = period.start.year
    statistics = stats.statistics_for(period)
    sections = [
        {
            "table": table,
            "columns": _columns(table),
            "rows": [_cells(table, row) for row in table.display_rows()],
            "footer": _cells(table, table.display_footer() or []),
            "chart": _chart(table) if _has_values(table) else "",
            "no_data": bool(table.chart) and not _has_values(table),
            "csv_url": _period_url(
                "facilitations:stats_export", period, format="csv", table=table.name
            ),
        }
        for table in statistics.ordered_tables
    ]
    years = [
        {
            "year": year,
            "url": _period_url("facilitations:stats", Period.year(year)),
            "current": False,
        }
        for year in stats.data_years(form.today)
    ]
    for entry in years:
        entry["current"] = period == Period.year(entry["year"])
    context = {
        "form": form,
        "period": period,
        "summary": sections[0],
        "period_empty": not _has_values(statistics.ordered_tables[0]),
        "sections": sections[1:],
        "groups": _grouped(sections[1:]),
        "years": years,
        "exports": {
            "all_xlsx": _period_url(
                "facilitations:stats_export", period, format="xlsx", table="all"
            ),
            "all_csv": _period_url("facilitations:stats_export", period, format="csv", table="all"),
            "sessions_xlsx": _period_url("facilitations:sessions_export", period, format="xlsx"),
            "sessions_csv": _period_url("facilitations:sessions_export", period, format="csv"),
        },
    }
    return render(request, "facilitations/stats/stats.html", context)


# -------------------------------------------------------------------- exports


def _export_format(request: HttpRequest) -> str | None:
    value = request.GET.get("format", "")
    return value if value in EXPORT_FORMATS else None


@require_safe
@staff_required
def stats_export(request: HttpRequest) -> HttpResponse:
    """The figures of the page: one table or all (`table=all`), as CSV or XLSX
    (one sheet per table, plus the « Séances » sheet when all are asked). A
    workbook whose « Séances » sheet is large is built in the background."""
    export_format = _export_format(request)
    if export_format is None:
        return _bad_request(_("Format d'export inconnu : choisissez csv ou xlsx."))
    table_name = request.GET.get("table", "all")
    if table_name != "all" and table_name not in stats.TABLE_NAMES:
        return _bad_request(_("Tableau inconnu : %(name)s.") % {"name": table_name})
    form, period = _period_or_error(request)
    if period is None:
        return _bad_request(_("Période invalide : %(errors)s") % {"errors": _errors_text(form)})
    stem = "statistiques-facilitations"
    if table_name != "all":
        stem += f"_{table_name}"
    stem += f"_{period.slug}"
    filename = f"{stem}.{export_format}"
    with_sessions = export_format == "xlsx" and table_name == "all"
    if with_sessions and files.session_count(period) > BACKGROUND_ROWS:
        return start_export(
            request,
            background.STATISTICS,
            background.period_params(period),
            title=_("Statistiques des facilitations – %(period)s") % {"period": period.label},
            filename=filename,
            content_type=XLSX_CONTENT_TYPE,
        )
    statistics = stats.statistics_for(period)
    if table_name != "all":
        table = statistics.tables[table_name]
        return spreadsheet_response(stem, **files.table_spreadsheet(table, export_format))
    if export_format == "csv":
        return spreadsheet_response(stem, **files.tables_csv(statistics.ordered_tables, period))
    workbook = files.statistics_workbook(statistics, statistics.ordered_tables, with_sessions=True)
    handle = tempfile.TemporaryFile()  # not memory: the « Séances » sheet may be long
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


@require_safe
@staff_required
def sessions_export(request: HttpRequest) -> HttpResponse:
    """Every session of the period, one row each, for the activity report.
    Private notes are never part of it. The file is spooled, then streamed;
    above a few thousand sessions it is built in the background, with its
    progress shown."""
    export_format = _export_format(request)
    if export_format is None:
        return _bad_request(_("Format d'export inconnu : choisissez csv ou xlsx."))
    form, period = _period_or_error(request)
    if period is None:
        return _bad_request(_("Période invalide : %(errors)s") % {"errors": _errors_text(form)})
    stem = f"seances-facilitations_{period.slug}"
    if files.session_count(period) > BACKGROUND_ROWS:
        return start_export(
            request,
            background.SESSIONS,
            {**background.period_params(period), "format": export_format},
            title=_("Séances de facilitation – %(period)s") % {"period": period.label},
            filename=f"{stem}.{export_format}",
            content_type=CONTENT_TYPES[export_format],
        )
    return spreadsheet_response(stem, **files.session_spreadsheet(period, export_format))


def _errors_text(form: PeriodForm) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
