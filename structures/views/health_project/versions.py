"""The versions of a health project: list, one version, comparison, restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ...access import get_health_project, get_health_project_version, get_structure
from ...documents import document_context
from ...models.health_project import section_diffs


@require_GET
def health_project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    versions = project.versions.with_list_related_data().order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    context = {
        "structure": structure,
        "project": project,
        "page": page,
        "editable": project.is_editable,
    }
    return render(request, "structures/health_project/versions.html", context)


@require_GET
def health_project_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = get_health_project_version(project, number)
    context = {
        "structure": structure,
        "project": project,
        "version": version,
        # Restoring a version identical to the current text would only add a copy.
        "editable": project.is_editable and dict(version.sections) != dict(project.sections),
        **document_context(structure, version.sections),
    }
    return render(request, "structures/health_project/version.html", context)


def _number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@require_GET
def health_project_diff(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    versions_url = reverse("structures:health_project_versions", args=[structure.pk])
    a, b = _number(request.GET.get("a")), _number(request.GET.get("b"))
    if a is None or b is None:
        messages.error(request, _("Choisissez deux versions à comparer."))
        return redirect(versions_url)
    if a == b:
        messages.error(request, _("Choisissez deux versions différentes à comparer."))
        return redirect(versions_url)
    found = {
        v.number: v for v in project.versions.select_related("author").filter(number__in=[a, b])
    }
    missing = [n for n in (a, b) if n not in found]
    if missing:
        messages.error(
            request,
            _("La version %(number)s n'existe pas.") % {"number": missing[0]},
        )
        return redirect(versions_url)
    old, new = (found[a], found[b]) if a <= b else (found[b], found[a])
    diffs = section_diffs(old.sections, new.sections)
    context = {
        "structure": structure,
        "project": project,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "structures/health_project/diff.html", context)


@require_POST
def health_project_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    version = get_health_project_version(project, number)
    try:
        new = project.restore(version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("structures:health_project_versions", pk=structure.pk)
    messages.success(
        request,
        _("La version %(old)s a été restaurée : elle devient la version %(new)s.")
        % {"old": version.number, "new": new.number},
    )
    return redirect("structures:health_project_versions", pk=structure.pk)
