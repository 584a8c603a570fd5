"""Staff overview of the network's cooperation activity: declarations,
counts and financing by protocol and by department, with exports."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gecolib.access import staff_required
from gecolib.exports import EXPORT_FORMATS
from gecolib.pagination import paginate
from gecolib.territories import BRITTANY_DEPARTMENTS

from ..forms.activity import parse_year
from ..forms.filters import OverviewFilter
from ..models import CooperationDeclaration
from ..models.catalogue import euros
from ..models.declarations import DeclarationStatus
from ..models.financing import applied_rules, year_financing
from . import exports
from .declarations import declarations_with_year, rows_with_financing

OTHER = "autre"


def _filtered(request: HttpRequest, year: int):
    queryset = declarations_with_year(
        exports.with_departments(
            CooperationDeclaration.objects.order_by("structure__name", "protocol__short_name", "pk")
        ),
        year,
    )
    return OverviewFilter(request.GET or None, queryset=queryset)


def summary(declarations, year: int) -> dict:
    """Totals by protocol × department: declarations, counts and amounts."""
    cells: dict = defaultdict(
        lambda: {"declarations": 0, "inclusions": 0, "reevaluations": 0, "amount": Decimal(0)}
    )
    protocols = {}
    for declaration in declarations:
        department = exports.structure_department(declaration.structure)
        if department not in BRITTANY_DEPARTMENTS:
            department = OTHER
        financing = year_financing(declaration, declaration.year_activities, year)
        protocols[declaration.protocol_id] = declaration.protocol
        for key in (
            (declaration.protocol_id, department),
            (declaration.protocol_id, "total"),
            ("total", department),
            ("total", "total"),
        ):
            cell = cells[key]
            cell["declarations"] += 1
            cell["inclusions"] += financing.inclusions
            cell["reevaluations"] += financing.reevaluations
            cell["amount"] += financing.amount
    departments = [*BRITTANY_DEPARTMENTS]
    if any(key[1] == OTHER for key in cells):
        departments.append(OTHER)
    ordered = sorted(protocols.values(), key=lambda p: p.short_name)

    def row(label, key):
        return {
            "label": label,
            "cells": [_cell(cells.get((key, d))) for d in [*departments, "total"]],
        }

    return {
        "departments": departments,
        "rows": [row(p.short_name, p.pk) for p in ordered],
        "rules": applied_rules(ordered),
        "total": row(_("Total"), "total"),
    }


def _cell(cell: dict | None) -> dict:
    if cell is None:
        return {"declarations": 0, "inclusions": 0, "reevaluations": 0, "amount": euros(0)}
    return {**cell, "amount": euros(cell["amount"])}


@staff_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    year = parse_year(request.GET.get("annee"))
    filterset = _filtered(request, year)
    declarations = filterset.qs
    page = paginate(request, declarations)
    overview_summary = summary(declarations.exclude(status=DeclarationStatus.PREPARATION), year)
    context = {
        "filter": filterset,
        "year": year,
        "years": list(range(year_now(), 2019, -1)),
        "summary": overview_summary,
        "rules": overview_summary["rules"],
        "page": page,
        "rows": rows_with_financing(page.object_list, year),
    }
    return render(request, "protocols/cooperation/overview.html", context)


def year_now() -> int:
    return timezone.localdate().year


@staff_required
@require_GET
def overview_export(request: HttpRequest) -> HttpResponse:
    export_format = request.GET.get("format", "csv")
    if export_format not in EXPORT_FORMATS:
        return HttpResponseBadRequest(_("Format d'export inconnu : choisissez csv ou xlsx."))
    year = parse_year(request.GET.get("annee"))
    declarations = _filtered(request, year).qs.exclude(status=DeclarationStatus.PREPARATION)
    return exports.year_file(f"cooperation_reseau_{year}", declarations, year, export_format)
