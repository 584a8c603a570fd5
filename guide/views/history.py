"""A page's revisions: the list, one revision, the comparison of two, a restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.diff import diff_contents
from gecolib.revisions import RevisionPages, revisions_to_compare

from .. import services
from ..access import get_editable_page
from ..markdown import render_page
from .editing import CONTENT_LABELS, comparable


def _pages(page) -> RevisionPages:
    return RevisionPages(
        view="guide:revision", compare="guide:compare", restore="guide:restore", args=(page.slug,)
    )


@require_GET
def history(request, slug: str):
    page = get_editable_page(request.user, slug)
    revisions = page.revisions.select_related("author", "restored_from").order_by("-number")
    page_obj = Paginator(revisions, 20).get_page(request.GET.get("page"))
    latest = page.latest_revision.number if page.latest_revision else None
    context = {
        "page_obj": page,
        "page": page_obj,
        "rows": _pages(page).rows(page_obj.object_list, current=latest),
        "compare_url": _pages(page).compare_url(),
        "live_number": page.live_revision.number if page.live_revision else None,
    }
    return render(request, "guide/history.html", context)


@require_GET
def revision(request, slug: str, number: int):
    page = get_editable_page(request.user, slug)
    item = get_object_or_404(
        page.revisions.select_related("author", "restored_from"), number=number
    )
    rendered = render_page(item.body, user=request.user, page=page)
    context = {
        "page_obj": page,
        "revision": item,
        "body_html": rendered.html,
        "is_latest": item.pk == page.latest_revision_id,
        "is_live": item.pk == page.live_revision_id,
        "may_restore": page.latest_revision is not None
        and page.latest_revision.content != item.content,
    }
    return render(request, "guide/revision.html", context)


@require_GET
def compare(request, slug: str):
    page = get_editable_page(request.user, slug)
    try:
        old, new = revisions_to_compare(page.revisions, request.GET.get("a"), request.GET.get("b"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("guide:history", slug=page.slug)
    diffs = diff_contents(comparable(old.content), comparable(new.content), CONTENT_LABELS)
    context = {
        "page_obj": page,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "guide/compare.html", context)


@require_POST
def restore(request, slug: str, number: int):
    page = get_editable_page(request.user, slug)
    item = get_object_or_404(page.revisions, number=number)
    try:
        new = services.restore(page, item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("guide:history", slug=page.slug)
    messages.success(
        request,
        _(
            "Le texte de la version %(old)s est repris comme brouillon (version %(new)s) : "
            "publiez-le pour le mettre en ligne."
        )
        % {"old": item.number, "new": new.number},
    )
    return redirect("guide:edit", slug=page.slug)
