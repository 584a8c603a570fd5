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
import uuid
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db.models.signals import m2m_changed, post_delete, post_save
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
    kept = _kept_pdf(digest)
    if kept is not None:
        return kept[0], digest, kept[1]
    data = html_to_pdf(html)
    return data, digest, _keep_pdf(digest, data)


def warm_pdf_cache(
    template_name: str, context: dict[str, Any], *, content_key: str | None = None
) -> str:
    """Render a document ahead of its first download (a version frozen on
    submission, from a Celery task); returns its digest. With the
    `content_key` its download uses (`pdf_response`), kept under that key."""
    if content_key is None:
        return cached_pdf(render_html(template_name, context))[1]
    digest = content_digest(template_name, content_key)
    if _kept_pdf(digest) is None:
        _keep_pdf(digest, html_to_pdf(render_html(template_name, context)))
    return digest


def sweep_pdf_cache(max_age_days: int) -> int:
    """Delete cached PDFs nobody asked for in `max_age_days`; returns how many."""
    limit = time.time() - max_age_days * 86400
    removed = 0
    for path in pdf_cache_dir().glob("*/*.pdf"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


Context = dict[str, Any] | Callable[[], dict[str, Any]]


@cache
def code_version() -> str:
    """The version of the code that writes documents, read once per process:
    GECOLIB_RELEASE when the deployment sets it, otherwise a digest of the
    names, sizes and times of the portal's Python files and templates (a
    deployment that changes any of them changes it)."""
    release = os.environ.get("GECOLIB_RELEASE", "")
    if release:
        return release
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    # The apps (packages at the top of the project) and the shared templates.
    folders = [
        p for p in sorted(root.iterdir()) if (p / "__init__.py").exists() and p.name != "tests"
    ]
    folders.append(root / "templates")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".py", ".html") or "__pycache__" in path.parts:
                continue
            stat = path.stat()
            digest.update(f"{path.relative_to(root)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def generation(scope: str) -> str:
    """A token that changes whenever `bump_generation(scope)` is called: part
    of a document's content key for what it shows without a version of its
    own (a team, a list from another app). Kept in the shared cache; a
    missing token (evicted, or Redis restarted) is replaced by a new one, so
    a document is then rendered once more, never served stale."""
    key = f"documents:generation:{scope}"
    token = shared_cache.get(key)
    if token is None:
        shared_cache.add(key, uuid.uuid4().hex, None)
        token = shared_cache.get(key) or uuid.uuid4().hex
    return token


def bump_generation(scope: str) -> None:
    shared_cache.set(f"documents:generation:{scope}", uuid.uuid4().hex, None)


def follow_rows(model, scope_of: Callable[[Any], str | None]) -> None:
    """Renew `generation(scope_of(row))` whenever a row of `model` is saved or
    deleted (called from an app's ready()): the documents that show those
    rows get a new content key. `scope_of` returns None for a row no
    document shows."""

    def changed(sender, instance, **kwargs) -> None:
        scope = scope_of(instance)
        if scope:
            bump_generation(scope)

    for signal in (post_save, post_delete):
        uid = f"documents-{model._meta.label}-{id(signal)}"
        signal.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def follow_relations(through, scope_of_pk: Callable[[Any], str]) -> None:
    """The same for a many-to-many relation: the scope of each row on the
    relation's forward side (`scope_of_pk(pk)`) is renewed."""

    def changed(sender, instance, pk_set, reverse, **kwargs) -> None:
        for pk in (pk_set or ()) if reverse else [instance.pk]:
            bump_generation(scope_of_pk(pk))

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"documents-{through._meta.label}"
    )


def content_digest(template_name: str, content_key: str) -> str:
    """A document's identity before rendering: the code and print engine that
    write it, its template and `content_key` (the ids and version stamps of
    what it shows)."""
    text = f"{PDF_ENGINE_REVISION}\n{code_version()}\n{template_name}\n{content_key}"
    return "k" + hashlib.sha256(text.encode()).hexdigest()


def document_etag(name: str, content_key: str) -> str:
    """The ETag of a document named `name` (its template, or what writes it)
    whose content is `content_key`: known before anything is rendered."""
    return quote_etag(content_digest(name, content_key))


def keyed_response(
    request: HttpRequest,
    name: str,
    content_key: str,
    build: Callable[[], HttpResponse],
) -> HttpResponse:
    """A document other than a PDF (a calendar, an export) answered with the
    ETag of its `content_key`: a conditional GET that names it gets 304
    without calling `build`; otherwise `build()`'s response, with the ETag."""
    etag = document_etag(name, content_key)
    answer = not_modified(request, etag)
    if answer is not None:
        return answer
    response = build()
    response["ETag"] = etag
    return response


def not_modified(request: HttpRequest | None, etag: str) -> HttpResponse | None:
    """304 for a conditional GET that names the current ETag, else None."""
    if request is None or etag not in parse_etags(request.headers.get("If-None-Match", "")):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-store"
    return response


def _kept_pdf(digest: str) -> tuple[bytes, float] | None:
    path = _cache_path(digest)
    try:
        data = path.read_bytes()
        os.utime(path)
        return data, path.stat().st_mtime
    except FileNotFoundError:
        return None


def _keep_pdf(digest: str, data: bytes) -> float:
    """Written aside then renamed: a concurrent reader never sees half a file."""
    path = _cache_path(digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return time.time()


def pdf_response(
    template_name: str,
    context: Context,
    filename: str,
    *,
    inline: bool = False,
    request: HttpRequest | None = None,
    content_key: str | None = None,
) -> HttpResponse:
    """The PDF of a print template as a download (`inline` to open it in the browser).

    Rendered once per distinct content, served with an ETag and
    Last-Modified; given the `request`, a conditional GET whose If-None-Match
    names the current ETag gets 304 without the PDF.

    With a `content_key` (the ids and version stamps of everything the
    document shows), the ETag is known before anything is rendered
    (`content_digest`): a 304, and a PDF already kept, cost neither the
    context (pass it as a function) nor the HTML. Without one, the key is the
    digest of the rendered HTML (`cached_pdf`).

    Documents carry the data of a structure: no cache keeps them (private,
    no-store, like every page shown to a signed-in user — a shared computer
    keeps nothing); a client that kept its own copy revalidates with the ETag."""
    kept = None
    if content_key is not None:
        digest = content_digest(template_name, content_key)
        etag = quote_etag(digest)
        answer = not_modified(request, etag)
        if answer is not None:
            return answer
        kept = _kept_pdf(digest)
        if kept is None:
            values = context() if callable(context) else context
            data = html_to_pdf(render_html(template_name, values))
            kept = data, _keep_pdf(digest, data)
        data, rendered_at = kept
    else:
        values = context() if callable(context) else context
        html = render_html(template_name, values)
        etag = quote_etag(html_digest(html))
        answer = not_modified(request, etag)
        if answer is not None:
            return answer
        data, _digest, rendered_at = cached_pdf(html)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered_at)
    response["Cache-Control"] = "private, no-store"
    return response
