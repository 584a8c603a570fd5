"""The public directory of structures, with filters and an offline map."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from gecolib.pagination import paginate
from gecolib.territories import BRITTANY_DEPARTMENTS

from ..forms import StructureFilter
from ..map_counts import directory_counts
from ..models import Structure

# Hand-drawn, simplified outlines of the four Breton departments (viewBox
# 0 0 560 340): enough to locate a structure, not a survey map.
DEPARTMENT_SHAPES = {
    "29": {
        "name": "Finistère",
        "points": "18,78 60,52 110,44 162,56 170,118 166,180 156,238 112,250 70,236 "
        "34,214 58,176 20,158 44,128 14,104",
        "label": (92, 150),
    },
    "22": {
        "name": "Côtes-d'Armor",
        "points": "162,56 214,34 262,48 300,40 346,66 384,84 394,120 372,168 "
        "300,176 230,166 168,162 170,118",
        "label": (280, 112),
    },
    "56": {
        "name": "Morbihan",
        "points": "166,180 168,162 230,166 300,176 372,168 384,226 366,282 300,304 "
        "236,296 186,272 156,238",
        "label": (270, 232),
    },
    "35": {
        "name": "Ille-et-Vilaine",
        "points": "384,84 436,70 494,92 540,134 544,222 514,296 446,314 366,282 "
        "384,226 372,168 394,120",
        "label": (460, 196),
    },
}
# Fill colours from few to many structures; the count is always written too.
SHADES = ["#eef5f8", "#c6dde8", "#8fbcd0", "#4d8fae", "#0b4f6c"]


def _map_regions(counts: dict[str, int], request: HttpRequest, selected: str) -> list[dict]:
    highest = max(counts.values(), default=0) or 1
    regions = []
    others = request.GET.copy()
    others.pop("page", None)
    for code in BRITTANY_DEPARTMENTS:
        count = counts.get(code, 0)
        level = 0 if count == 0 else 1 + min(3, (count * 4 - 1) // highest)
        shape = DEPARTMENT_SHAPES[code]
        others["department"] = code
        regions.append(
            {
                "code": code,
                "name": shape["name"],
                "points": shape["points"],
                "label_x": shape["label"][0],
                "label_y": shape["label"][1],
                "count": count,
                "fill": SHADES[level],
                "dark": level >= 3,
                # The directory narrowed to this department, the other filters kept.
                "url": "?" + others.urlencode(),
                "selected": code == selected,
            }
        )
    return regions


def map_key(regions: list[dict], language: str) -> str:
    """The key of the map's rendered fragment (structures/_map.html): every
    value it shows (counts, colours, links, the department chosen), so new
    counts — a structure created, edited or deleted forgets them
    (map_counts.py) — or other filters make a new fragment, never a stale one."""
    shown = [
        (r["code"], r["count"], r["fill"], r["dark"], r["url"], r["selected"]) for r in regions
    ]
    return hashlib.sha256(f"{language}{shown}".encode()).hexdigest()


def _other_filters(filterset: StructureFilter, visible):
    """The map counts follow the active filters, except the department (the
    map chooses it): the filterset's own filters applied one by one, so the
    choices validated once are not fetched again. None when no such filter
    is active."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return None
    active = {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if name not in ("department", "sort") and value not in (None, "", [], ())
    }
    if not active:
        return None
    queryset = visible
    for name, value in active.items():
        queryset = filterset.filters[name].filter(queryset, value)
    return queryset


@login_not_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """Queries: filter choices (departments, EPCIs), the list's total with
    the map counts (one query, or from the cache when unfiltered), the page
    of structures and their EPCIs. A search by name reads its two trigram
    indexes within these queries (`StructureQuerySet.search`)."""
    visible = Structure.objects.visible_to(request.user)
    filterset = StructureFilter(
        request.GET or None, queryset=visible.with_list_related_data(), user=request.user
    )
    filtered = _other_filters(filterset, visible)
    if filtered is None:
        # The unfiltered map: mostly from the cache (structures/map_counts.py).
        total, counts = directory_counts(request.user, BRITTANY_DEPARTMENTS)
    else:
        total, counts = filtered.count_with_departments(BRITTANY_DEPARTMENTS)
    valid = not filterset.is_bound or filterset.form.is_valid()
    selected = filterset.form.cleaned_data.get("department") if filterset.is_bound else None
    # The list is the map's set narrowed to the chosen department, if any:
    # its count is known already (unless a filter was refused, then counted).
    known = (counts[selected.code] if selected else total) if valid else None
    page = paginate(request, filterset.qs, count=known)
    all_departments = request.GET.copy()
    for key in ("department", "page"):
        all_departments.pop(key, None)
    regions = _map_regions(counts, request, selected.code if selected else "")
    return render(
        request,
        "structures/directory.html",
        {
            "filter": filterset,
            "page": page,
            "regions": regions,
            "map_key": map_key(regions, get_language()),
            "all_departments_url": "?" + all_departments.urlencode(),
            "department_selected": selected is not None,
            "is_public_view": not request.user.is_authenticated,
        },
    )
