"""Reading the guide: the index (the tree), a page, its PDF, its files, the sitemap."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.pagination import paginate
from gecolib.pdf import pdf_response

from ..access import PageGone, PageMoved, find_page
from ..fragments import PDF_TEMPLATE, pdf_content_key, published_body
from ..markdown import render_page
from ..models import Attachment, Page, is_guide_editor
from ..models.pages import audiences_for

SECTIONS_PER_PAGE = 20


@login_not_required
@require_GET
def index(request):
    """The guide's sections (top-level pages) with their sub-pages, paginated by section."""
    visible = Page.objects.visible_to(request.user)
    # Only what the list shows: page bodies are long.
    children = visible.order_by("position", "title").only(
        "title", "slug", "kind", "parent_id", "position"
    )
    sections = (
        visible.filter(parent__isnull=True)
        .only("title", "slug", "summary", "position")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="visible_children"))
    )
    page_obj = paginate(request, sections.order_by("position", "title"), per_page=SECTIONS_PER_PAGE)
    return render(
        request,
        "guide/index.html",
        {"page": page_obj, "is_editor": is_guide_editor(request.user)},
    )


def _gone(request, page: Page) -> HttpResponse:
    return render(request, "guide/gone.html", {"gone": page}, status=410)


@login_not_required
@require_GET
def page(request, slug: str):
    user = request.user
    editor = is_guide_editor(user)
    try:
        current = find_page(
            user, slug, queryset=Page.objects.select_related("parent", "live_revision__author")
        )
    except PageMoved as moved:
        return redirect(moved.page, permanent=True)
    except PageGone as gone:
        return _gone(request, gone.page)
    showing_draft = editor and not current.is_live
    text = current.draft_content()["body"] if showing_draft else current.body
    if showing_draft:
        rendered = render_page(text, user=user, page=current)
    else:  # the same for every reader of the same audiences (fragments.py)
        rendered = published_body(current, user)
    visible = Page.objects.visible_to(user)
    previous_page, next_page = _neighbours(visible, current)
    context = {
        "current": current,
        "title": current.draft_content()["title"] if showing_draft else current.title,
        "summary": current.draft_content()["summary"] if showing_draft else current.summary,
        "body_html": rendered.html,
        "headings": [h for h in rendered.headings if h.level <= 3],
        "broken_links": rendered.broken_links if editor else [],
        "ancestors": [a for a in current.ancestors() if editor or _readable_ancestor(a, user)],
        "children": visible.filter(parent=current)
        .order_by("position", "title")
        .only("title", "slug", "summary", "parent_id", "position"),
        "previous_page": previous_page,
        "next_page": next_page,
        "attachments": _listed_files(current, user, showing_draft),
        "is_editor": editor,
        "showing_draft": showing_draft,
    }
    return render(request, "guide/page.html", context)


def _neighbours(visible, current: Page) -> tuple[Page | None, Page | None]:
    """The previous and next readable pages among the siblings, in the tree's
    order (position, title, then id): two queries that each read one row along
    the (parent, position) index, whatever the size of the section."""
    siblings = visible.filter(parent=current.parent_id).only("title", "slug")
    position, title, pk = current.position, current.title, current.pk
    before = Q(position__lt=position) | Q(position=position, title__lt=title)
    before |= Q(position=position, title=title, pk__lt=pk)
    after = Q(position__gt=position) | Q(position=position, title__gt=title)
    after |= Q(position=position, title=title, pk__gt=pk)
    # The range on `position` lets the database start from the current page.
    previous_page = (
        siblings.filter(before, position__lte=position)
        .order_by("-position", "-title", "-pk")
        .first()
    )
    next_page = (
        siblings.filter(after, position__gte=position).order_by("position", "title", "pk").first()
    )
    return previous_page, next_page


def _listed_files(current: Page, user, showing_draft: bool):
    """The files of the version shown: a draft's files for its editors, the
    published ones otherwise (those added for a draft or a schedule appear at
    its publication)."""
    files = Attachment.objects.visible_to(user).filter(page=current)
    return files.attached() if showing_draft else files.published()


def _readable_ancestor(ancestor: Page, user) -> bool:
    """A section shown in the breadcrumbs only to those who may open it."""
    visible = ancestor.is_live and not ancestor.is_archived
    return visible and ancestor.audience in audiences_for(user)


@login_not_required
@require_GET
def page_pdf(request, slug: str):
    try:
        current = find_page(
            request.user, slug, queryset=Page.objects.select_related("live_revision")
        )
    except PageMoved as moved:
        return redirect("guide:page_pdf", slug=moved.page.slug, permanent=True)
    except PageGone as gone:
        return _gone(request, gone.page)
    if not current.is_live:
        raise Http404
    user = request.user

    def context() -> dict:
        rendered = render_page(current.body, user=user, page=current, images=False)
        return {
            "current": current,
            "body_html": rendered.html,
            "attachments": Attachment.objects.visible_to(user).published().filter(page=current),
            "printed_at": timezone.now(),
        }

    date = timezone.localdate(current.published_at or timezone.now()).isoformat()
    # The ETag is known before the document is built: a 304, or a PDF kept
    # already, costs neither the Markdown nor the HTML.
    return pdf_response(
        PDF_TEMPLATE,
        context,
        f"guide_{slugify(current.slug)}_{date}.pdf",
        request=request,
        content_key=pdf_content_key(current, user),
    )


@login_not_required
@require_GET
def attachment(request, slug: str, pk: int):
    """A file, served only to those who may read its page and the version that
    uses it (never a public media URL, never kept by a shared cache): the
    published files to readers, every file to editors. A file removed from the
    page online answers 410."""
    try:
        current = find_page(request.user, slug)
    except (PageMoved, PageGone):
        raise Http404 from None
    item = Attachment.objects.visible_to(request.user).filter(page=current, pk=pk).first()
    if item is None:
        removed = Attachment.objects.filter(
            page=current, pk=pk, detached_at__isnull=False, live_since__isnull=False
        )
        if removed.exists():
            return render(request, "guide/file_gone.html", {"current": current}, status=410)
        raise Http404
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.mime_type,
        as_attachment=not item.is_image,
        filename=item.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A short private cache for the public pages' images; nothing kept otherwise.
    public = current.audience == "public" and item.is_published
    response["Cache-Control"] = "private, max-age=300" if public else "private, no-store"
    return response


@login_not_required
@require_GET
def sitemap(request):
    """The pages the requester may read, for search engines (visitors: public pages)."""
    pages = Page.objects.visible_to(request.user).only("slug", "updated_at").order_by("pk")
    xml = render_to_string("guide/sitemap.xml", {"pages": pages, "request": request})
    return HttpResponse(xml, content_type="application/xml")
