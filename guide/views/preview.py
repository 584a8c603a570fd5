"""The preview of a page as readers will see it: the reader's template
(guide/page.html) with the title, breadcrumbs, table of contents, files and
sub-pages, from the text of the editing form (posted by its « Aperçu de la
page » button, into a new tab: nothing is saved) or from a saved version
(`?version=N`, by default the latest draft)."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import services
from ..access import get_editable_page
from ..markdown import render_page
from ..models import Attachment, Page
from ..models.pages import CONTENT_KEYS
from .autosaves import posted_content


def reader_context(request, page: Page, content: dict) -> dict:
    """What guide/page.html needs to show `page` with `content` as its text,
    as a reader of its audience sees it (no editors' bar, the files of the
    draft). The reading view builds the same keys for the page online."""
    shown = copy.copy(page)
    for key in CONTENT_KEYS:
        setattr(shown, key, content.get(key, getattr(page, key)))
    rendered = render_page(shown.body, user=request.user, page=page)
    return {
        "current": shown,
        "title": shown.title,
        "summary": shown.summary,
        "body_html": rendered.html,
        "headings": [h for h in rendered.headings if h.level <= 3],
        "broken_links": rendered.broken_links,
        "ancestors": page.ancestors(),
        "children": Page.objects.visible_to(request.user)
        .filter(parent=page)
        .order_by("position", "title")
        .only("title", "slug", "summary", "parent_id", "position"),
        "previous_page": None,
        "next_page": None,
        "attachments": Attachment.objects.visible_to(request.user).filter(page=page).attached(),
        "is_editor": False,
        "showing_draft": False,
    }


@require_http_methods(["GET", "POST"])
def preview(request, slug: str):
    page = get_editable_page(request.user, slug)
    if request.method == "POST":
        content = services.normalise_content(posted_content(request))
        source = None
    else:
        number = request.GET.get("version")
        if number:
            try:
                source = services.page_revision(page, number)
            except ValidationError:
                raise Http404 from None
        else:
            source = page.latest_revision
        content = source.content if source is not None else page.live_content()
    context = reader_context(request, page, content)
    context["preview_revision"] = source
    return render(request, "guide/preview.html", context)
