"""PDF documents of the portal: a print template in, PDF bytes or a download out.

Print templates extend templates/print/base.html (page format, fonts, running
header, "page x / y" footer, French typography defaults). WeasyPrint renders the
HTML with the print stylesheet and the fonts shipped in static/ (read from disk
through `base_url`, never from the network), after the French typography pass:
narrow non-breaking spaces before « ; ? ! », inside « », and a non-breaking space
before « : ».

Every PDF is tagged (WeasyPrint's PDF/UA-1 variant): a structure tree that
screen readers follow (headings, paragraphs, lists, tables), the document's
language (`<html lang="fr">`) and its title shown by the reader.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils.cache import quote_etag
from django.utils.http import http_date, parse_etags

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space

# Text inside these elements is left exactly as written.
_VERBATIM = {"style", "script", "pre", "code", "textarea"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
# A space (any width, including entities already converted) before : ; ? !
_SPACE_BEFORE_COLON = re.compile(r"[ \t\u00a0\u202f]+(?=:)")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u00a0\u202f]+(?=[;?!])")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \t\u00a0\u202f]*")
_BEFORE_CLOSING_QUOTE = re.compile(r"(?<=\S)[ \t\u00a0\u202f]*»")
_ENTITY_NBSP = re.compile(r"&nbsp;|&#160;|&#xa0;", re.IGNORECASE)


def _french_text(text: str) -> str:
    text = _ENTITY_NBSP.sub(NBSP, text)
    text = _SPACE_BEFORE_COLON.sub(NBSP, text)
    text = _SPACE_BEFORE_PUNCT.sub(NNBSP, text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSING_QUOTE.sub(NNBSP + "»", text)
    return text


def french_typography(html: str) -> str:
    """Make the spaces of French punctuation non-breaking in the text of `html`.

    Only text between tags changes (attributes, CSS and code are untouched), and
    only existing spaces are replaced before : ; ? ! — so times (10:30) and
    addresses (https://…) stay as they are. Guillemets always get their spaces."""
    parts = _TAG.split(html)
    verbatim_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _VERBATIM:
                closing = match.group(1) == "/"
                verbatim_depth = max(0, verbatim_depth + (-1 if closing else 1))
            continue
        if part and not verbatim_depth:
            parts[index] = _french_text(part)
    return "".join(parts)


def static_base_dir() -> Path:
    """Where print stylesheets and fonts are read from: the project's static/."""
    return Path(settings.STATICFILES_DIRS[0])


def render_html(template_name: str, context: dict[str, Any]) -> str:
    """The print HTML, after the French typography pass (what WeasyPrint gets)."""
    return french_typography(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    """HTML → PDF with local resources only (relative URLs resolve in static/).

    Layout allocates a few hundred thousand short-lived objects: the cyclic
    garbage collector is paused meanwhile (its repeated scans cost up to a fifth
    of the rendering time in a busy web process) and catches up right after."""
    from weasyprint import HTML

    base_url = static_base_dir().as_uri() + "/"
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        if was_enabled:
            gc.enable()


# The ASCII file name keeps letters, digits and a few signs; French ligatures and
# dashes are spelt out, accents dropped, and anything else (quotes, slashes,
# control characters…) becomes "_", so the header cannot be broken nor a path given.
_ASCII_SPELLING = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "–": "-", "—": "-", "’": "'", "«": "", "»": ""}
)
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9 '._()+,-]+")
_UNSAFE_ANYWHERE = re.compile(r'[\x00-\x1f\x7f"/\\]+')
_SPACES = re.compile(r"\s+")


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="…"` with an ASCII name, plus RFC 5987 `filename*`
    when the name has accents: browsers save the UTF-8 name, old clients the other."""
    name = _SPACES.sub(" ", _UNSAFE_ANYWHERE.sub("_", filename)).strip()
    ascii_name = unicodedata.normalize("NFKD", name.translate(_ASCII_SPELLING))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    ascii_name = _SPACES.sub(" ", _UNSAFE_ASCII.sub("_", ascii_name)).strip()
    if not re.search(r"[A-Za-z0-9]", ascii_name.rsplit(".", 1)[0]):  # nothing left
        ascii_name = "document.pdf"
    value = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if name and ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


# Tagged for screen readers (structure tree, language, title): PDF/UA-1.
PDF_VARIANT = "pdf/ua-1"
# Bump when the rendering itself changes in a way the HTML does not show (a
# WeasyPrint upgrade, a font or print.css change): every cached PDF is redone.
PDF_ENGINE_REVISION = f"2 {PDF_VARIANT}"


def pdf_cache_dir() -> Path:
    return Path(settings.GECOLIB_PDF_CACHE_DIR)


def html_digest(html: str) -> str:
    """The cache key of a document: everything that feeds the PDF is in its
    HTML (the text, the team table, the structure's identity, the template, the
    stylesheet's name), so an unchanged document has an unchanged digest and
    any change makes a new one — no invalidation to forget."""
    return hashlib.sha256(f"{PDF_ENGINE_REVISION}\n{html}".encode()).hexdigest()


def _cache_path(digest: str) -> Path:
    return pdf_cache_dir() / digest[:2] / f"{digest}.pdf"


def cached_pdf(html: str) -> tuple[bytes, str, float]:
    """The PDF of `html`, rendered once and kept on disk (shared by every web
    worker); returns the bytes, the digest and when it was rendered. A hit
    touches the file, so the daily sweep keeps what is still asked for."""
    digest = html_digest(html)
    path = _cache_path(digest)
    try:
        data = path.read_bytes()
        os.utime(path)
        return data, digest, path.stat().st_mtime
    except FileNotFoundError:
        pass
    data = html_to_pdf(html)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside then renamed: a concurrent reader never sees half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return data, digest, time.time()


def warm_pdf_cache(template_name: str, context: dict[str, Any]) -> str:
    """Render a document ahead of its first download (a version frozen on
    submission, from a Celery task); returns its digest."""
    return cached_pdf(render_html(template_name, context))[1]


def sweep_pdf_cache(max_age_days: int) -> int:
    """Delete cached PDFs nobody asked for in `max_age_days`; returns how many."""
    limit = time.time() - max_age_days * 86400
    removed = 0
    for path in pdf_cache_dir().glob("*/*.pdf"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def pdf_response(
    template_name: str,
    context: dict[str, Any],
    filename: str,
    *,
    inline: bool = False,
    request: HttpRequest | None = None,
) -> HttpResponse:
    """The PDF of a print template as a download (`inline` to open it in the browser).

    Rendered once per distinct content (`cached_pdf`), served with an ETag (the
    content's digest) and Last-Modified; given the `request`, a conditional GET
    whose If-None-Match names the current digest gets 304 without the PDF.
    Documents carry the data of a structure: no cache keeps them (private,
    no-store, like every page shown to a signed-in user — a shared computer
    keeps nothing); a client that kept its own copy revalidates with the ETag."""
    html = render_html(template_name, context)
    etag = quote_etag(html_digest(html))
    if request is not None and etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = etag
    else:
        data, _digest, rendered_at = cached_pdf(html)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(filename, inline=inline)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(rendered_at)
    response["Cache-Control"] = "private, no-store"
    return response
