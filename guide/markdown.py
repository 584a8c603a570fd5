"""The guide's Markdown: the portal's sanitised Markdown, plus `[[slug]]`
internal links (rendered with the target page's title), images of the page's
own attachments (`![légende](fichier:12)`) and anchored headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gecolib.markdown import Heading, markdown_headings, render_markdown

from .models import Attachment, Page, is_guide_editor

INTERNAL_LINK = re.compile(r"\[\[\s*([a-z0-9][a-z0-9-]*)\s*(?:\|([^\]\n]*))?\]\]")
ATTACHMENT_REF = re.compile(r"^fichier:(\d+)$")


def internal_slugs(text: str) -> list[str]:
    return list(dict.fromkeys(match.group(1) for match in INTERNAL_LINK.finditer(text or "")))


def _escape(label: str) -> str:
    return re.sub(r"([\[\]\\*_`])", r"\\\1", label)


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    headings: list[Heading]
    broken_links: list[str]  # slugs of missing or archived pages


def render_page(
    text: str, *, user=None, page: Page | None = None, images: bool = True
) -> RenderedBody:
    """The page's HTML, its headings (for the table of contents) and the
    internal links that lead nowhere (shown to editors only). Without `images`
    (the PDF, which cannot fetch files served by a view), an image reads as its
    legend; the PDF lists the attached files."""
    text = text or ""
    slugs = internal_slugs(text)
    targets = {p.slug: p for p in Page.objects.filter(slug__in=slugs)} if slugs else {}
    editor = user is not None and is_guide_editor(user)
    broken = [slug for slug in slugs if slug not in targets or targets[slug].is_archived]

    def link(match: re.Match) -> str:
        slug, label = match.group(1), (match.group(2) or "").strip()
        target = targets.get(slug)
        if target is None or target.is_archived:
            if editor:
                return "**⚠ [[" + slug + "]] " + _("(lien interne introuvable)") + "**"
            return _escape(label or slug)
        return f"[{_escape(label or target.title)}]({reverse('guide:page', args=[slug])})"

    prepared = INTERNAL_LINK.sub(link, text)
    attachment_urls: dict[str, str] = {}
    if images and page is not None and "fichier:" in prepared:
        for attachment in Attachment.objects.filter(page=page):
            attachment_urls[attachment.reference] = reverse(
                "guide:attachment", args=[page.slug, attachment.pk]
            )

    def image_src(src: str) -> str | None:
        return attachment_urls.get(src) if ATTACHMENT_REF.match(src) else None

    html = render_markdown(prepared, heading_offset=1, anchors=True, image_src=image_src)
    return RenderedBody(html=html, headings=markdown_headings(prepared), broken_links=broken)
