"""A declaration's year on one grid (forms/year_grid.py): the year chosen
from a list, twelve months × the four counts, the months not begun locked;
saving writes only the months changed, each through the service of a month
typed alone (`record_activity`: the counts replaced go to the history), and
nothing at all when one month is refused."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from gecolib.idempotency import submit_once

from ..access import get_declaration
from ..forms.activity import FIRST_YEAR, parse_year
from ..forms.year_grid import LABELS, GridTokenForm, YearGrid
from ..models import CooperationDeclaration, MonthlyActivity
from ..models.activity import COUNT_FIELDS, month_label
from ..models.financing import applied_rules, year_financing


class GridRefused(Exception):
    """The grid has errors: nothing is saved, and the one-time token's claim
    is rolled back with the rest (the corrected grid is sent with it)."""

    def __init__(self, grid: YearGrid):
        super().__init__("grid refused")
        self.grid = grid


def stored_months(declaration: CooperationDeclaration, year: int) -> list[MonthlyActivity]:
    """The year's months as stored, with December before and January after
    (the rule of the follow-ups reads them): one query."""
    return list(
        declaration.activities.filter(
            month__gte=datetime.date(year - 1, 12, 1), month__lte=datetime.date(year + 1, 1, 1)
        )
        .select_related("entered_by")
        .order_by("month")
    )


def grid_years(declaration: CooperationDeclaration, year: int) -> list[int]:
    """The years offered: from the declaration's to this one, the latest first."""
    this_year = timezone.localdate().year
    first = max(FIRST_YEAR, declaration.declared_on.year if declaration.declared_on else this_year)
    return sorted({*range(first, this_year + 1), year}, reverse=True)


@require_http_methods(["GET", "POST"])
def year_grid(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration(request, pk, write=True)
    if not declaration.is_declared:
        messages.error(
            request,
            _("Déclarez d'abord le protocole à l'ARS : l'activité se saisit une fois déclaré."),
        )
        return redirect(declaration)
    year = parse_year(request.GET.get("annee"))
    stopped_on = declaration.stopped_on()
    url = f"{reverse('cooperation:activity_year', args=[declaration.pk])}?annee={year}"
    grid_errors: list[str] = []
    if request.method == "POST":
        token_form = GridTokenForm(request.POST)
        grid = None
        if token_form.is_valid():

            def save() -> str:
                # One grid of a declaration saved at a time: each is checked
                # against the months as they are once the others are saved.
                CooperationDeclaration.objects.select_for_update().filter(
                    pk=declaration.pk
                ).values_list("pk", flat=True).get()
                checked = YearGrid(
                    declaration,
                    year,
                    stored_months(declaration, year),
                    stopped_on=stopped_on,
                    data=request.POST,
                )
                if not checked.is_valid():
                    raise GridRefused(checked)
                saved, replaced = checked.save(by=request.user)
                _saved_message(request, checked, saved, replaced)
                return url

            try:
                return submit_once(request, token_form, save)
            except GridRefused as refused:
                grid = refused.grid
            except IntegrityError:
                # A month entered alone by a colleague at the same moment.
                grid_errors.append(
                    _(
                        "Un mois vient d'être saisi par un autre membre : rechargez la page pour "
                        "voir ses comptes ; rien n'a été enregistré."
                    )
                )
        else:
            grid_errors += token_form.non_field_errors()
        if grid is None:
            grid = YearGrid(
                declaration,
                year,
                stored_months(declaration, year),
                stopped_on=stopped_on,
                data=request.POST,
            )
            grid.is_valid()
    else:
        token_form = GridTokenForm()
        grid = YearGrid(declaration, year, stored_months(declaration, year), stopped_on=stopped_on)
    financing = year_financing(declaration, grid.year_activities(), year)
    by_month = {month.month: month for month in financing.months}
    context = {
        "declaration": declaration,
        "structure": declaration.structure,
        "protocol": declaration.protocol,
        "year": year,
        "years": grid_years(declaration, year),
        "grid": grid,
        "lines": [(row, by_month.get(row.month)) for row in grid.rows],
        "labels": [LABELS[name] for name in COUNT_FIELDS],
        "token_form": token_form,
        "grid_errors": grid_errors,
        "row_errors": grid.errors() if grid.is_bound else [],
        "financing": financing,
        "rules": applied_rules([declaration.protocol]),
    }
    return render(request, "protocols/cooperation/year_grid.html", context)


def _saved_message(request, grid: YearGrid, saved: list[MonthlyActivity], replaced: int) -> None:
    if not saved:
        messages.info(request, _("Aucun mois n'a changé : rien n'a été enregistré."))
        return
    text = ngettext(
        "%(count)s mois enregistré : %(months)s.",
        "%(count)s mois enregistrés : %(months)s.",
        len(saved),
    ) % {"count": len(saved), "months": ", ".join(month_label(a.month) for a in saved)}
    financing = year_financing(grid.declaration, grid.year_activities(), grid.year)
    text += " " + _("Financement estimé %(year)s : %(calculation)s.") % {
        "year": grid.year,
        "calculation": financing.calculation,
    }
    if replaced:
        text += " " + ngettext(
            "Les comptes remplacés d'un mois restent dans l'historique de la déclaration.",
            "Les comptes remplacés de %(count)s mois restent dans l'historique de la déclaration.",
            replaced,
        ) % {"count": replaced}
    messages.success(request, text)
