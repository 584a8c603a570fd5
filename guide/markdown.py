"""The guide's Markdown: the portal's sanitised Markdown, plus `[[slug]]`
internal links, images of the page's own attachments (`![légende](fichier:12)`)
and anchored headings.

The rendering knows its reader: a `[[slug]]` link shows the target's title
and leads to it only for a reader who may open that page; others read the
link's text (`[[slug|texte]]`) or the address, without a link — never the title
of a members-only or unpublished page. Images are the files the reader may
download (`Attachment.objects.visible_to`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gecolib.markdown import Heading, markdown_headings, render_markdown

from .models import Attachment, Page, is_guide_editor

INTERNAL_LINK = re.compile(r"\[\[\s*([a-z0-9][a-z0-9-]*)\s*(?:\|([^\]\n]*))?\]\]")
ATTACHMENT_REF = re.compile(r"^fichier:(\d+)$")
# A link to a file (not an image): `[texte](fichier:12)`.
ATTACHMENT_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(fichier:(\d+)\)")


def internal_slugs(text: str) -> list[str]:
    return list(dict.fromkeys(match.group(1) for match in INTERNAL_LINK.finditer(text or "")))


def _escape(label: str) -> str:
    return re.sub(r"([\[\]\\*_`])", r"\\\1", label)


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    headings: list[Heading]
    broken_links: list[str]  # slugs of missing or archived pages


def link_targets(slugs: list[str], reader) -> dict[str, Page]:
    """The pages of `slugs` the reader may open (editors: every page)."""
    if not slugs:
        return {}
    pages = Page.objects.all() if is_guide_editor(reader) else Page.objects.visible_to(reader)
    return {p.slug: p for p in pages.filter(slug__in=slugs).only("slug", "title", "archived_at")}


def render_page(
    text: str,
    *,
    user,
    page: Page | None = None,
    images: bool = True,
    targets: dict[str, Page] | None = None,
) -> RenderedBody:
    """The page's HTML for `user` (AnonymousUser for a visitor), its headings
    (for the table of contents) and the internal links that lead nowhere
    (shown to editors only). Without `images` (the PDF, which cannot fetch
    files served by a view), an image reads as its legend; the PDF lists the
    attached files. `targets`: the pages its links lead to, when the caller
    has read them already (`link_targets`)."""
    reader = user if user is not None else AnonymousUser()
    text = text or ""
    slugs = internal_slugs(text)
    editor = is_guide_editor(reader)
    if targets is None:
        targets = link_targets(slugs, reader)
    broken = [slug for slug in slugs if slug not in targets or targets[slug].is_archived]

    def link(match: re.Match) -> str:
        slug, label = match.group(1), (match.group(2) or "").strip()
        target = targets.get(slug)
        if target is None or target.is_archived:
            if editor:
                return "**⚠ [[" + slug + "]] " + _("(lien interne introuvable)") + "**"
            # A page the reader may not open: the text given, or the address.
            return _escape(label or slug)
        return f"[{_escape(label or target.title)}]({reverse('guide:page', args=[slug])})"

    prepared = INTERNAL_LINK.sub(link, text)
    attachment_urls: dict[str, str] = {}
    if images and "fichier:" in prepared:
        if page is not None:
            for attachment in Attachment.objects.visible_to(reader).filter(page=page):
                attachment_urls[attachment.reference] = reverse(
                    "guide:attachment", args=[page.slug, attachment.pk]
                )
        elif editor:
            # A page not yet saved: the files its editor dropped in the media chooser.
            for attachment in Attachment.objects.pending().filter(uploaded_by=reader.pk):
                attachment_urls[attachment.reference] = attachment.get_absolute_url()

    def file_link(match: re.Match) -> str:
        url = attachment_urls.get(f"fichier:{match.group(2)}")
        label = match.group(1).strip() or _("fichier")
        return f"[{label}]({url})" if url else label

    prepared = ATTACHMENT_LINK.sub(file_link, prepared)

    def image_src(src: str) -> str | None:
        return attachment_urls.get(src) if ATTACHMENT_REF.match(src) else None

    html = render_markdown(prepared, heading_offset=1, anchors=True, image_src=image_src)
    return RenderedBody(html=html, headings=markdown_headings(prepared), broken_links=broken)
