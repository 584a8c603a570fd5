"""« Liens cassés »: the pages whose text (online or draft) links with
`[[adresse]]` to a page archived or that does not exist, for the editors to
mend. Two queries whatever the size of the guide (the addresses, then the
texts); the report is paginated."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..access import editor_required
from ..markdown import internal_slugs
from ..models import Page

PER_PAGE = 30


@dataclass(frozen=True)
class BrokenLinks:
    page: Page
    version: str  # "live" or "draft"
    missing: list[str]
    archived: list[str]


def broken_links() -> list[BrokenLinks]:
    """Every page not archived with links that lead nowhere, by title."""
    slugs = dict(Page.objects.values_list("slug", "archived_at"))
    found = []
    pages = (
        Page.objects.not_archived()
        .select_related("latest_revision")
        .only("title", "slug", "body", "is_live", "live_revision_id", "latest_revision__content")
        .order_by("title", "pk")
    )
    for page in pages.iterator(chunk_size=200):
        texts = [("live", page.body)] if page.is_live else []
        if page.latest_revision is not None and page.latest_revision_id != page.live_revision_id:
            texts.append(("draft", page.latest_revision.content.get("body") or ""))
        for version, text in texts:
            links = internal_slugs(text)
            missing = [slug for slug in links if slug not in slugs]
            archived = [slug for slug in links if slugs.get(slug) is not None]
            if missing or archived:
                found.append(BrokenLinks(page, version, missing, archived))
    return found


@editor_required
@require_GET
def report(request):
    page_obj = Paginator(broken_links(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "guide/broken_links.html", {"page": page_obj})
