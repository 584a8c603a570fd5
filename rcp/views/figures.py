from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.access import staff_required
from gecolib.pdf import content_disposition

from .. import figures
from ..access import get_rcp_structure
from ..forms import YearForm

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _year(request) -> int:
    form = YearForm(request.GET)
    return form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year


def _download(rows, fmt: str, filename: str, title: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content = figures.to_csv(rows) if fmt == "csv" else figures.to_xlsx(rows, title)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
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
    rows = figures.structure_table(structure, figures.structure_figures(structure, year))
    return _download(rows, fmt, f"rcp-{slugify(structure.name)}-{year}", f"RCP {year}")


@staff_required
@require_GET
def all_figures(request):
    year = _year(request)
    rows = figures.figures_across_structures(year)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
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
    rows = figures.across_table(year, figures.figures_across_structures(year))
    return _download(rows, fmt, f"rcp-structures-{year}", f"RCP {year}")
