"""Highlighted excerpts of search results: the passage of a page's text around
the first word matching the query, matching words in <mark>. Words are
compared through the search normaliser, so "protocoles" highlights
"Protocole" and "equipe" highlights "équipe"."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import fold, stem

TOKEN_RE = re.compile(r"([^\W_]+)", re.UNICODE)


def _matches(word: str, wanted: set[str]) -> bool:
    return stem(fold(word)) in wanted


def highlight(text: str, wanted: set[str]) -> SafeString:
    """The whole text, escaped, with the matching words marked."""
    parts = TOKEN_RE.split(text or "")
    out = []
    for i, part in enumerate(parts):
        if i % 2 and _matches(part, wanted):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, wanted: set[str], *, words: int = 36) -> SafeString:
    """About `words` words of `text` around the first match (the start of the
    text when nothing matches), with the matches marked."""
    text = " ".join((text or "").split())
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
