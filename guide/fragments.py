"""What every reader of an audience sees the same, kept rendered.

A published page's body depends only on its text, on the pages its
`[[slug]]` links lead to (their titles, whether the reader may open them),
on the files it shows (their page's generation, renewed whenever one of its
files is saved or removed: `connect`), on the reader's audiences and
whether the reader edits the guide, and on the code that renders it. All of
these are in the key (`body_key`), so an edit, a publication, a renamed or
unpublished target, a file added: the next reader gets a new rendering,
never a stale one; nothing has to be forgotten. The PDF's content key is
built from the same parts (`pdf_content_key`)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import timezone

from gecolib.pdf import code_version, follow_rows, generation

from .markdown import RenderedBody, internal_slugs, link_targets, render_page
from .models import Attachment, Page, is_guide_editor
from .models.pages import audiences_for

TIMEOUT = 24 * 3600
PDF_TEMPLATE = "guide/print/page.html"


def _files_scope(page_id) -> str:
    return f"guide:files:{page_id}"


def _reader(user) -> str:
    editor = "e" if is_guide_editor(user) else "r"
    return f"{editor}{'+'.join(audiences_for(user))}"


def _links(targets: dict[str, Page]) -> str:
    return "|".join(
        f"{slug}={page.pk}:{page.title}:{int(page.is_archived)}"
        for slug, page in sorted(targets.items())
    )


def _parts(page: Page, user, targets: dict[str, Page]) -> str:
    body = hashlib.sha256((page.body or "").encode()).hexdigest()
    return "\n".join(
        [
            f"{page.pk}r{page.live_revision_id}",
            body,
            _reader(user),
            _links(targets),
            generation(_files_scope(page.pk)),
        ]
    )


def body_key(page: Page, user, targets: dict[str, Page]) -> str:
    text = f"{code_version()}\n{_parts(page, user, targets)}"
    return "guide:body:" + hashlib.sha256(text.encode()).hexdigest()


def published_body(page: Page, user) -> RenderedBody:
    """The published text of `page` rendered for `user`: from the cache when
    a reader of the same audiences saw the same content, rendered and kept
    otherwise. Costs one query (the link targets) on a hit."""
    targets = link_targets(internal_slugs(page.body), user)
    key = body_key(page, user, targets)
    kept = cache.get(key)
    if isinstance(kept, RenderedBody):
        return kept
    rendered = render_page(page.body, user=user, page=page, targets=targets)
    cache.set(key, rendered, TIMEOUT)
    return rendered


def pdf_content_key(page: Page, user) -> str:
    """The PDF's content, known before it is rendered (gecolib.pdf): the
    body's parts, the page's other fields as saved (title, summary, kind,
    themes: `updated_at`) and the day printed on it."""
    targets = link_targets(internal_slugs(page.body), user)
    return "\n".join(
        [
            _parts(page, user, targets),
            page.updated_at.isoformat(),
            timezone.localdate().isoformat(),
        ]
    )


def connect() -> None:
    """Called by the app's ready(): a file saved or removed renews its page's key."""
    follow_rows(Attachment, lambda item: _files_scope(item.page_id) if item.page_id else None)
