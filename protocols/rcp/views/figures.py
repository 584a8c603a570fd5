from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.access import staff_required
from gecolib.exports import spreadsheet_response
from gecolib.pagination import paginate

from .. import figures
from ..access import get_rcp_structure
from ..forms import YearForm


def _year(request) -> int:
    form = YearForm(request.GET)
    return form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year


def _download(table: tuple[list, list[list]], fmt: str, name: str, title: str) -> FileResponse:
    """A structure's private figures: not kept by shared caches."""
    headers, rows = table
    response = spreadsheet_response(name, headers, rows, fmt, title=title)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def structure_figures(request, pk: int):
    structure = get_rcp_structure(request, pk)
    year = _year(request)
    return render(
        request,
        "rcp/figures.html",
        {
            "structure": structure,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "figures": figures.structure_figures(structure, year),
        },
    )


@require_GET
def structure_figures_export(request, pk: int, fmt: str):
    structure = get_rcp_structure(request, pk)
    year = _year(request)
    table = figures.structure_table(structure, figures.structure_figures(structure, year))
    return _download(table, fmt, f"rcp-{slugify(structure.name)}-{year}", f"RCP {year}")


@staff_required
@require_GET
def all_figures(request):
    year = _year(request)
    rows = figures.figures_across_structures(year)
    page = paginate(request, rows, per_page=50)
    return render(
        request,
        "rcp/figures_all.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "page": page,
            "total_held": sum(row["held"] for row in rows),
            "attendance": figures.attendance_across_structures(year),
            "reached": sum(row["target_reached"] for row in rows),
        },
    )


@staff_required
@require_GET
def all_figures_export(request, fmt: str):
    year = _year(request)
    table = figures.across_table(figures.figures_across_structures(year))
    return _download(table, fmt, f"rcp-structures-{year}", f"RCP {year}")
