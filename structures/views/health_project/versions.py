"""The versions of a health project: list, one version, comparison, restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from gecolib.revisions import RevisionPages, revisions_to_compare

from ...access import (
    can_write,
    get_health_project,
    get_health_project_version,
    get_structure,
)
from ...documents import document_context
from ...models import Structure
from ...models.health_project import section_diffs


def _pages(structure: Structure) -> RevisionPages:
    return RevisionPages(
        view="structures:health_project_version",
        compare="structures:health_project_diff",
        restore="structures:health_project_restore",
        args=(structure.pk,),
        links=((gettext_lazy("PDF"), "structures:health_project_version_pdf"),),
    )


@require_GET
def health_project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    versions = project.versions.with_list_related_data().order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    pages = _pages(structure)
    # The first row of the first page is the version in force.
    current = on_page[0].number if on_page and page.number == 1 else None
    context = {
        "structure": structure,
        "project": project,
        "page": page,
        "rows": pages.rows(on_page, current=current),
        "compare_url": pages.compare_url(),
        "editable": project.is_editable and can_write(request.user, structure),
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
        "editable": project.is_editable
        and version.content != project.sections
        and can_write(request.user, structure),
        **document_context(structure, version.content),
    }
    return render(request, "structures/health_project/version.html", context)


@require_GET
def health_project_diff(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = get_health_project(structure)
    try:
        old, new = revisions_to_compare(
            project.versions, request.GET.get("a"), request.GET.get("b")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("structures:health_project_versions", pk=structure.pk)
    diffs = section_diffs(old.content, new.content)
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
    structure = get_structure(request, pk, private=True, write=True)
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
