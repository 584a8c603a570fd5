"""PDF documents of the portal: a print template in, PDF bytes out.

WeasyPrint renders the HTML with the print stylesheet and the fonts shipped in
static/ (read from disk through `base_url`, never from the network), after the
French typography pass: narrow non-breaking spaces before « ; ? ! », inside
« », and a non-breaking space before « : ».
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

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
        return HTML(string=html, base_url=base_url).write_pdf()
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a print template to PDF bytes. Synchronous: callers stream the result."""
    return html_to_pdf(render_html(template_name, context))
