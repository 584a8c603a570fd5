"""The grids, kept by staff: the list, a grid with its levels, axes and
dimensions, and the edits of each — every change saved as a new version of
the grid, compared and restored by the generic version pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.evidence import evidence_choices
from gecolib.pagination import paginate
from gecolib.views.revisions import VersionedDocument, save_version

from ..forms import DimensionForm, GridForm, LevelForm
from ..models import Dimension, Grid, Level
from ..models.grid import REVISION_FIELDS


@staff_required
@require_GET
def grid_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, Grid.objects.order_by("title", "pk"))
    return render(request, "assessments/grids/grid_list.html", {"page": page})


@staff_required
@require_GET
def grid(request: HttpRequest, pk: int) -> HttpResponse:
    grid = get_object_or_404(Grid, pk=pk)
    return render(
        request,
        "assessments/grids/grid.html",
        {
            "grid": grid,
            "levels": grid.ordered_levels(),
            "axes": grid.ordered_axes(),
            "evidence_labels": dict(evidence_choices()),
        },
    )


def _save(request: HttpRequest, form, grid: Grid) -> HttpResponse:
    form.instance.names_confirmed = form.names_confirmed
    return save_version(
        request,
        form,
        grid,
        saved=_("Grille modifiée : version %(number)s enregistrée."),
        to=grid.get_absolute_url(),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def grid_edit(request: HttpRequest, pk: int) -> HttpResponse:
    grid = get_object_or_404(Grid, pk=pk)
    form = GridForm(request.POST or None, instance=grid)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, grid)
    return render(
        request,
        "assessments/grids/edit.html",
        {"grid": grid, "form": form, "title": _("Modifier la grille")},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def level_edit(request: HttpRequest, pk: int) -> HttpResponse:
    level = get_object_or_404(Level.objects.select_related("grid"), pk=pk)
    form = LevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, level.grid)
    return render(
        request,
        "assessments/grids/edit.html",
        {
            "grid": level.grid,
            "form": form,
            "title": _("Modifier le niveau %(value)s") % {"value": level.value},
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def dimension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dimension = get_object_or_404(Dimension.objects.select_related("axis__grid"), pk=pk)
    form = DimensionForm(request.POST or None, instance=dimension)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, dimension.axis.grid)
    return render(
        request,
        "assessments/grids/edit.html",
        {
            "grid": dimension.axis.grid,
            "form": form,
            "title": _("Modifier la dimension « %(name)s »") % {"name": dimension.name},
        },
        status=400 if form.errors else 200,
    )


def grid_owner(request: HttpRequest, *, write: bool = False, pk: int) -> Grid:
    """Reference data: read and restored by staff only (`staff_required`)."""
    return get_object_or_404(Grid, pk=pk)


GRID_VERSIONS = VersionedDocument(
    name="grid",
    namespace="assessments",
    get_owner=grid_owner,
    fields=lambda: REVISION_FIELDS,
    restore=lambda grid, revision, by: grid.restore(revision, by=by),
    restored_message=gettext_lazy(
        "Les textes de la version %(old)s sont rétablis (version %(new)s)."
    ),
    title=gettext_lazy("de la grille"),
    back_label=gettext_lazy("Retour à la grille"),
    breadcrumb="assessments/grids/_breadcrumb.html",
    owner_name="grid",
    intro=gettext_lazy(
        "Chaque modification de la grille, de ses niveaux ou de ses dimensions crée une version "
        "datée. Restaurer une version rétablit ses textes dans une nouvelle version : rien "
        "n'est perdu. Une campagne garde le numéro de la version avec laquelle elle a été ouverte."
    ),
    decorators=(staff_required,),
)
