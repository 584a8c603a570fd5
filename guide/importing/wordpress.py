"""Reading a WordPress export (WXR: "Outils › Exporter" of the network's
current site) into pages to import.

`read_export(name, data)` returns the WordPress pages (published, drafts and
private ones; not the trash), parents before their children and in their
menu order, each with its title, address (`post_name`), parent, excerpt and
content. `convert_page` turns one into Markdown like an HTML page
(guide.importing.converters): WordPress writes paragraphs as blank lines, so
they are made into <p> first; `[caption]` shortcodes keep their content, the
other shortcodes are reported. Files of the site (`wp-content/uploads/…`) are
brought in as attachments when the import holds them (a ZIP of the uploads
folder sent with the export); otherwise the link to the old site stays and
the report says so. The XML is read with defusedxml (no entity expansion, no
external entities). Nothing here touches the database or the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .converters import Converted, Resolver, UnsupportedDocument, html_document

# WordPress item types imported as guide pages.
PAGE_TYPES = ("page",)
SKIPPED_STATUSES = ("trash", "auto-draft", "inherit")
UPLOADS = "/wp-content/uploads/"
BLOCK_TAGS = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|pre|figure|hr)\b", re.IGNORECASE)
CAPTION_RE = re.compile(r"\[/?caption[^\]]*\]")
SHORTCODE_RE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\]")


@dataclass
class WordPressPage:
    post_id: str
    title: str
    slug: str
    parent_id: str
    order: int
    status: str
    excerpt: str
    content: str
    link: str = ""
    attachments: list[str] = field(default_factory=list)  # URLs of its files


@dataclass
class WordPressExport:
    pages: list[WordPressPage]
    skipped: dict[str, int]  # other item types → count


def _local(tag: str) -> str:
    """An element's name without its namespace (WXR 1.0, 1.1, 1.2 alike)."""
    return tag.rsplit("}", 1)[-1]


def _child_text(item: Element, name: str) -> str:
    for child in item:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _encoded(item: Element, namespace_part: str) -> str:
    """`content:encoded` or `excerpt:encoded` (same local name, other namespace)."""
    for child in item:
        if _local(child.tag) == "encoded" and namespace_part in child.tag:
            return child.text or ""
    return ""


def read_export(name: str, data: bytes) -> WordPressExport:
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as error:
        raise UnsupportedDocument(
            _("« %(name)s » : export WordPress illisible (%(error)s).")
            % {"name": name, "error": type(error).__name__}
        ) from error
    channel = root.find("channel")
    if _local(root.tag) != "rss" or channel is None:
        raise UnsupportedDocument(
            _("« %(name)s » n'est pas un export WordPress (fichier WXR attendu).") % {"name": name}
        )
    pages: list[WordPressPage] = []
    files: dict[str, list[str]] = {}  # parent post id → attachment URLs
    skipped: dict[str, int] = {}
    for item in channel.iter("item"):
        kind = _child_text(item, "post_type")
        status = _child_text(item, "status")
        if kind == "attachment":
            url = _child_text(item, "attachment_url")
            if url:
                files.setdefault(_child_text(item, "post_parent"), []).append(url)
            continue
        if kind not in PAGE_TYPES or status in SKIPPED_STATUSES:
            skipped[kind or "?"] = skipped.get(kind or "?", 0) + 1
            continue
        try:
            order = int(_child_text(item, "menu_order") or 0)
        except ValueError:
            order = 0
        pages.append(
            WordPressPage(
                post_id=_child_text(item, "post_id"),
                title=_child_text(item, "title"),
                slug=slugify(unquote(_child_text(item, "post_name"))),
                parent_id=_child_text(item, "post_parent"),
                order=order,
                status=status,
                excerpt=_encoded(item, "excerpt").strip(),
                content=_encoded(item, "content"),
                link=_child_text(item, "link"),
            )
        )
    for page in pages:
        page.attachments = files.get(page.post_id, [])
    return WordPressExport(pages=_parents_first(pages), skipped=skipped)


def _parents_first(pages: list[WordPressPage]) -> list[WordPressPage]:
    """Parents before children, siblings by menu order then title."""
    ids = {page.post_id for page in pages}
    children: dict[str, list[WordPressPage]] = {}
    for page in pages:
        parent = page.parent_id if page.parent_id in ids and page.parent_id != page.post_id else ""
        children.setdefault(parent, []).append(page)
    ordered: list[WordPressPage] = []
    seen: set[str] = set()

    def walk(parent: str) -> None:
        for page in sorted(children.get(parent, []), key=lambda p: (p.order, p.title)):
            if page.post_id not in seen:
                seen.add(page.post_id)
                ordered.append(page)
                walk(page.post_id)

    walk("")
    ordered.extend(page for page in pages if page.post_id not in seen)  # cycles
    return ordered


def autop(html: str) -> str:
    """WordPress's paragraphs: text separated by blank lines, without <p>."""
    if BLOCK_TAGS.search(html):
        return html
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
    return "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)


def uploads_path(url: str) -> str:
    """ "https://site/wp-content/uploads/2024/01/fiche.pdf" → "2024/01/fiche.pdf"."""
    path = unquote(urlsplit(url).path)
    return path.split(UPLOADS, 1)[1] if UPLOADS in path else ""


def convert_page(page: WordPressPage, resolve_upload: Resolver) -> Converted:
    """One WordPress page as Markdown. `resolve_upload(path)` gives the bytes
    of an uploads file ("2024/01/fiche.pdf") when the import holds it."""
    html = CAPTION_RE.sub("", page.content or "")
    shortcodes = sorted({m.group(2) for m in SHORTCODE_RE.finditer(html) if not m.group(1)})
    html = autop(html)
    soup = BeautifulSoup(html, "html.parser")
    missing: list[str] = []
    for element in soup.find_all(["img", "a"]):
        attribute = "src" if element.name == "img" else "href"
        url = (element.get(attribute) or "").strip()
        path = uploads_path(url)
        if not path:
            continue
        if resolve_upload(path) is not None:
            element[attribute] = f"uploads/{path}"
        elif element.name == "a":  # a missing image is reported by html_document
            missing.append(url)
    document = f"<html><body>{soup}</body></html>".encode()

    def resolve(reference: str) -> bytes | None:
        if reference.startswith("uploads/"):
            return resolve_upload(reference.removeprefix("uploads/"))
        return None

    converted = html_document(f"{page.slug or 'page'}.html", document, resolve, title=page.title)
    if not converted.title:
        converted.title = page.slug or _("Page importée")
    summary = BeautifulSoup(page.excerpt, "html.parser").get_text(" ", strip=True)
    converted.summary = converted.summary or summary
    if page.status != "publish":
        converted.warnings.append(_("Page « %(status)s » sur WordPress.") % {"status": page.status})
    for url in dict.fromkeys(missing):
        converted.warnings.append(
            _("Fichier de l'ancien site absent de l'import (lien conservé) : %(url)s")
            % {"url": url}
        )
    unused = [url for url in page.attachments if url not in html and url not in missing]
    if unused:
        converted.warnings.append(
            _("Fichiers rattachés à la page sur WordPress, non cités dans son texte : %(urls)s")
            % {"urls": ", ".join(unused)}
        )
    if shortcodes:
        converted.warnings.append(
            _("Codes courts WordPress non convertis : %(codes)s")
            % {"codes": ", ".join(f"[{code}]" for code in shortcodes)}
        )
    return converted
