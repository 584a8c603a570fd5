"""Markdown, HTML and DOCX documents → Markdown, assets and warnings.

HTML is converted by markdownify (headings, lists, tables, links kept); a DOCX
is first turned into clean HTML by mammoth (Word's heading styles become
headings, its lists become lists), then goes the same way. Markdown files may
carry YAML front matter (title, slug, summary, kind, themes, audience, parent,
position) read with python-frontmatter — the starter content uses it too.

Images and linked local files become `Asset`s: the Markdown refers to them as
`attachment:<name>` until the importer has stored them and knows their URLs.
Nothing here touches the database or the network: a file referred to by an
absolute URL is left as a link and reported.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import frontmatter
import mammoth
from bs4 import BeautifulSoup
from django.utils.translation import gettext as _
from markdownify import MarkdownConverter

from .tables import prepare_tables

ASSET_SCHEME = "attachment:"
SUPPORTED_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".docx")
# Files a page may link to that are brought in as attachments.
LINKED_FILE_EXTENSIONS = (
    ".pdf", ".docx", ".odt", ".xlsx", ".ods", ".png", ".jpg", ".jpeg",
)  # fmt: skip
IMAGE_CONTENT_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg"}

# `resolve(reference)` returns the bytes of a file named relative to the
# document being converted, or None when it cannot be found.
Resolver = Callable[[str], bytes | None]


class UnsupportedDocument(ValueError):
    """The file is not one the import understands; the message is in French."""


@dataclass
class Asset:
    name: str
    data: bytes


@dataclass
class Converted:
    title: str
    markdown: str
    summary: str = ""
    meta: dict = field(default_factory=dict)
    assets: list[Asset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert(filename: str, data: bytes, resolve: Resolver | None = None) -> Converted:
    """Convert one document, chosen by its extension."""
    resolve = resolve or (lambda reference: None)
    extension = posixpath.splitext(filename.lower())[1]
    if extension in (".md", ".markdown"):
        return markdown_document(filename, data, resolve)
    if extension in (".html", ".htm"):
        return html_document(filename, data, resolve)
    if extension == ".docx":
        return docx_document(filename, data)
    raise UnsupportedDocument(
        _("« %(name)s » : format non pris en charge (Markdown, HTML ou DOCX attendu).")
        % {"name": filename}
    )


def same_title(first: str, second: str) -> bool:
    """Two titles that read the same (case, spaces and final dot aside)."""

    def norm(text: str) -> str:
        return " ".join(text.split()).rstrip(".").casefold()

    return norm(first) == norm(second)


def title_from_filename(filename: str) -> str:
    stem = posixpath.splitext(posixpath.basename(filename))[0]
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else _("Page importée")


# -- Markdown ---------------------------------------------------------------------------

MARKDOWN_REFERENCE_RE = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")


def markdown_document(filename: str, data: bytes, resolve: Resolver) -> Converted:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsupportedDocument(
            _("« %(name)s » : le fichier Markdown n'est pas encodé en UTF-8.") % {"name": filename}
        ) from error
    try:
        post = frontmatter.loads(text)
    except Exception as error:  # the YAML parser raises many kinds of errors
        raise UnsupportedDocument(
            _("« %(name)s » : l'en-tête YAML est illisible (%(error)s).")
            % {"name": filename, "error": error}
        ) from error
    meta = dict(post.metadata)
    body = post.content.strip()
    title = str(meta.pop("title", "") or "")
    # A leading "# Titre" is the page's title: read as such, or dropped when
    # the front matter gives the same one (the page shows its title already).
    heading = re.match(r"#\s+(.+?)\s*#*\s*(?:\n+|$)", body)
    if heading and (not title or same_title(heading.group(1), title)):
        title, body = title or heading.group(1).strip(), body[heading.end() :]
    title = title or title_from_filename(filename)
    converted = Converted(title=title, markdown="", summary=str(meta.pop("summary", "") or ""))
    converted.meta = meta

    def replace(match: re.Match) -> str:
        target = _local_asset(match.group(2), match.group(1).startswith("!"), resolve, converted)
        return f"{match.group(1)}{target}{match.group(3)}"

    converted.markdown = tidy(MARKDOWN_REFERENCE_RE.sub(replace, body))
    return converted


# -- HTML -------------------------------------------------------------------------------


class _GuideMarkdownConverter(MarkdownConverter):
    """markdownify with ATX headings ("## Titre") and "-" bullets, as the
    guide's editor writes them."""

    def __init__(self, **options):
        super().__init__(heading_style="ATX", bullets="-", strip=["script", "style"], **options)


# The content of a page exported from the current site sits in one of these;
# menus, headers and footers around it are left out.
CONTENT_SELECTORS = (".entry-content", "article", "main", "[role=main]", "#content", "body")


def html_document(filename: str, data: bytes, resolve: Resolver, *, title: str = "") -> Converted:
    soup = BeautifulSoup(data, "html.parser")
    for element in soup(["script", "style", "noscript", "iframe", "form"]):
        element.decompose()
    description = soup.find("meta", attrs={"name": "description"})
    summary = (description.get("content") or "").strip() if description else ""
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    content = next(
        (found for s in CONTENT_SELECTORS if (found := soup.select_one(s)) is not None), soup
    )
    for element in content.find_all(["nav", "header", "footer", "aside"]):
        element.decompose()
    # Word's "Title" style (mammoth's `doc-title`), else the first <h1>: the
    # page's title, and no longer a heading of its text. A heading repeating
    # a title given otherwise (front matter, WordPress) is dropped too.
    heading = content.select_one("h1.doc-title") or content.find("h1")
    if heading is not None:
        text = heading.get_text(" ", strip=True)
        if not title or same_title(text, title):
            title = title or text
            heading.decompose()
    subtitle = content.select_one("p.doc-subtitle")
    if subtitle is not None:
        summary = summary or subtitle.get_text(" ", strip=True)
        subtitle.decompose()
    title = title or page_title or title_from_filename(filename)
    converted = Converted(title=title, markdown="", summary=summary)
    prepare_tables(content, soup, converted.warnings)

    for image in content.find_all("img"):
        source = (image.get("src") or "").strip()
        if not source:
            image.decompose()
            continue
        image["src"] = _local_asset(source, True, resolve, converted)
    for link in content.find_all("a"):
        href = (link.get("href") or "").strip()
        if _looks_like_local_file(href):
            link["href"] = _local_asset(href, False, resolve, converted)

    markdown = _GuideMarkdownConverter().convert_soup(content)
    converted.markdown = tidy(markdown)
    return converted


# -- DOCX -------------------------------------------------------------------------------


# Word's title and subtitle styles, under their English (built-in) and French
# names: the page's title and summary (html_document reads these classes).
DOCX_STYLE_MAP = """
p[style-name='Title'] => h1.doc-title:fresh
p[style-name='Titre'] => h1.doc-title:fresh
p[style-name='Subtitle'] => p.doc-subtitle:fresh
p[style-name='Sous-titre'] => p.doc-subtitle:fresh
"""


def docx_document(filename: str, data: bytes) -> Converted:
    images: dict[str, bytes] = {}
    skipped: list[str] = []

    def keep_image(image) -> dict:
        extension = IMAGE_CONTENT_TYPES.get(image.content_type)
        number = len(images) + 1
        if extension is None:
            skipped.append(image.content_type)
            return {"src": "", "alt": image.alt_text or ""}
        name = f"image-{number}.{extension}"
        with image.open() as stream:
            images[name] = stream.read()
        return {"src": name, "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(keep_image),
            style_map=DOCX_STYLE_MAP,
        )
    except Exception as error:  # a broken archive raises zipfile, KeyError, lxml errors…
        raise UnsupportedDocument(
            _("« %(name)s » : ce fichier Word est illisible (%(error)s).")
            % {"name": filename, "error": type(error).__name__}
        ) from error
    html = f"<html><body>{result.value}</body></html>".encode()
    converted = html_document(filename, html, images.get, title="")
    if converted.title == title_from_filename(filename):
        converted.title = _docx_title(data) or converted.title
    for message in result.messages:
        if message.type == "warning" and "Unrecognised paragraph style" in message.message:
            style = message.message.split(":", 1)[-1].split("(")[0].strip()
            converted.warnings.append(
                _("« %(name)s » : style Word « %(style)s » importé comme paragraphe.")
                % {"name": filename, "style": style}
            )
        elif message.type == "error":
            converted.warnings.append(
                _("« %(name)s » : %(message)s") % {"name": filename, "message": message.message}
            )
    if skipped:
        converted.warnings.append(
            _("« %(name)s » : %(count)s image(s) d'un format non pris en charge ignorée(s).")
            % {"name": filename, "count": len(skipped)}
        )
    return converted


def _docx_title(data: bytes) -> str:
    """The title set in the Word document's properties, if any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return ""
    found = BeautifulSoup(core, "html.parser").find("dc:title")
    return found.get_text(strip=True) if found else ""


# -- shared -----------------------------------------------------------------------------


def _looks_like_local_file(reference: str) -> bool:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    return posixpath.splitext(parts.path.lower())[1] in LINKED_FILE_EXTENSIONS


def _local_asset(reference: str, is_image: bool, resolve: Resolver, converted: Converted) -> str:
    """Bring the file a document refers to in as an asset and return the
    reference to write in the Markdown (unchanged when it stays outside)."""
    parts = urlsplit(reference)
    if parts.scheme in ("http", "https") or parts.netloc:
        if is_image:
            converted.warnings.append(
                _("Image distante non importée (lien conservé) : %(url)s") % {"url": reference}
            )
        return reference
    if parts.scheme or not parts.path or reference.startswith("#"):
        return reference
    if not is_image and not _looks_like_local_file(reference):
        return reference
    path = unquote(parts.path)
    data = resolve(path)
    if data is None:
        if is_image:
            message = _("Image introuvable : %(file)s")
        else:
            message = _("Fichier lié introuvable : %(file)s")
        converted.warnings.append(message % {"file": path})
        return reference
    name = _unique_name(posixpath.basename(path), converted)
    converted.assets.append(Asset(name=name, data=data))
    return ASSET_SCHEME + name


def _unique_name(name: str, converted: Converted) -> str:
    """A name that fits in a Markdown link: no spaces or brackets, unique in the document."""
    name = re.sub(r"[^\w.-]+", "-", name).strip("-.") or "fichier"
    taken = {asset.name for asset in converted.assets}
    stem, extension = posixpath.splitext(name)
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{extension}", number + 1
    return candidate


def tidy(markdown: str) -> str:
    """Trailing spaces dropped, at most one blank line in a row."""
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip() + "\n"
