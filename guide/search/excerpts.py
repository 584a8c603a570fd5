"""Highlighted excerpts of search results: the passage of a page's text around
the first word matching the query, matching words in <mark>. Words are
compared through the search normaliser, so "protocoles" highlights
"Protocole", "equipe" highlights "équipe" and, through a synonym, "kine"
highlights "kinésithérapeute". The text is the page's plain text (no
Markdown marks: `guide.search.documents.readable` is applied again to rows
indexed before it)."""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .documents import readable
from .text import word_terms

TOKEN_RE = re.compile(r"([^\W_]+)", re.UNICODE)


def _matches(word: str, wanted: set[str]) -> bool:
    return any(term in wanted for term in word_terms(word.lower().replace("œ", "oe")))


def highlight(text: str, wanted: set[str]) -> SafeString:
    """The whole text, escaped, with the matching words marked."""
    parts = TOKEN_RE.split((text or "").replace("\0", "").replace("\1", ""))
    for i in range(1, len(parts), 2):
        if _matches(parts[i], wanted):
            parts[i] = f"\0{parts[i]}\1"  # marks, put in once the text is escaped
    escaped = escape("".join(parts), quote=True)
    marked = escaped.replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above, then only <mark> added


def excerpt(text: str, wanted: set[str], *, words: int = 36) -> SafeString:
    """About `words` words of `text` around the first match (the start of the
    text when nothing matches), with the matches marked."""
    text = " ".join(readable(text).split())
    parts = TOKEN_RE.split(text)
    word_positions = [i for i in range(1, len(parts), 2)]
    first = next((n for n, i in enumerate(word_positions) if _matches(parts[i], wanted)), 0)
    start_word = max(first - words // 3, 0)
    end_word = min(start_word + words, len(word_positions))
    if not word_positions:
        return highlight(text[:240], wanted)
    start = word_positions[start_word] if start_word else 0
    end = word_positions[end_word - 1] + 1
    passage = "".join(parts[start:end])
    prefix = "… " if start_word else ""
    suffix = " …" if end_word < len(word_positions) else ""
    return mark_safe(f"{prefix}{highlight(passage, wanted)}{suffix}")  # noqa: S308 - escaped
