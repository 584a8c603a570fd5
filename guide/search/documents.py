"""What the search index holds for a page: pure functions of its live
fields, shared by the signal handlers (`guide.search.indexing`) and the
migration that indexed the pages created before the index."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Value
from django.db.models.functions import Cast

from gecolib.markdown import markdown_to_text

from ..enums import Theme
from .text import folded_words, indexed, lower_words, word_terms

# PostgreSQL's limits for a tsvector: positions up to 16383, 256 per lexeme.
MAX_POSITION = 16_383
MAX_POSITIONS_PER_TERM = 256

# Markdown's table and list marks as `markdown_to_text` writes them: a reader
# sees neither, so the excerpts of the results leave them out.
TABLE_CELL_SEPARATOR = re.compile(r"\s+\|\s+")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)

INTERNAL_LINK = re.compile(r"\[\[\s*([a-z0-9][a-z0-9-]*)\s*(?:\|([^\]\n]*))?\]\]")
ATTACHMENT_REFERENCE = re.compile(r"\(fichier:\d+\)")


def plain_text(body: str) -> str:
    """A page body as the words a reader sees: Markdown removed, `[[slug]]`
    links read as their label (or their address's words), table cells
    separated by " · ", list items without their marks."""
    body = INTERNAL_LINK.sub(
        lambda m: (m.group(2) or "").strip() or m.group(1).replace("-", " "), body or ""
    )
    body = ATTACHMENT_REFERENCE.sub("", body)
    return readable(markdown_to_text(body))


def readable(text: str) -> str:
    """Plain text without the marks `markdown_to_text` keeps for tables and lists."""
    text = LIST_MARK.sub("", text or "")
    return TABLE_CELL_SEPARATOR.sub(" · ", text)


def attachment_words(names) -> str:
    """Attachment names as words ("grille-chutes_2024.pdf" → "grille chutes 2024 pdf"):
    PostgreSQL's parser would read a file name as one token."""
    return " ".join(re.sub(r"[\W_]+", " ", name) for name in names)


def theme_labels(codes) -> str:
    labels = dict(Theme.choices)
    return " ".join(str(labels[code]) for code in codes or () if code in labels)


def index_fields(
    *, title: str, summary: str, body: str, themes, attachment_names, terms: bool = True
) -> dict[str, str]:
    """The columns of a page's index row (without the PostgreSQL vector).
    `terms=False` leaves the normalised term columns empty: PostgreSQL matches
    on the vector, and a narrower table is faster to scan."""
    text = plain_text(body)
    summary_text = f"{summary} {theme_labels(themes)}"
    body_text = f"{text} {attachment_words(attachment_names)}"
    return {
        "title_terms": indexed(title) if terms else "",
        "summary_terms": indexed(summary_text) if terms else "",
        "body_terms": indexed(body_text) if terms else "",
        "title_words": folded_words(title),
        "themes": f" {' '.join(themes)} " if themes else "",
        "text": text,
    }


def _terms_of(*texts: str) -> dict[str, None]:
    return {term: None for text in texts for word in lower_words(text) for term in word_terms(word)}


def vector_literal(title: str, summary_text: str, body_text: str) -> str:
    """The tsvector a page is matched with, as PostgreSQL reads it: every
    term of `guide.search.text` in the page (both stems of a word), without
    positions or weights. Small and uncompressed, it is read fast by a scan
    of many rows; ranking uses `rank_vector_literal`."""
    return " ".join(f"'{term}'" for term in _terms_of(title, summary_text, body_text))


def rank_vector_literal(title: str, summary_text: str) -> str:
    """The tsvector a page is ranked with: its title (weight A), summary and
    themes (B), with positions. A page whose body only matches ranks after
    those whose title or summary do."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in ((title, "A"), (summary_text, "B")):
        for word in lower_words(text):
            found = word_terms(word)
            if not found:
                continue
            position = min(position + 1, MAX_POSITION)
            for term in found:
                spots = positions.setdefault(term, [])
                if len(spots) < MAX_POSITIONS_PER_TERM:
                    spots.append(f"{position}{weight}")
    return " ".join(f"'{term}':{','.join(spots)}" for term, spots in positions.items())


def search_vector(title: str, summary_text: str, body_text: str) -> Cast:
    """The matching tsvector of a page (`vector_literal`), for an update."""
    return Cast(Value(vector_literal(title, summary_text, body_text)), SearchVectorField())


def rank_vector(title: str, summary_text: str) -> Cast:
    """The ranking tsvector of a page (`rank_vector_literal`), for an update."""
    return Cast(Value(rank_vector_literal(title, summary_text)), SearchVectorField())


def vocabulary_cache_key(audiences) -> str:
    """Where the "did you mean" vocabulary of a set of audiences is cached."""
    return "guide-search-vocabulary:" + ",".join(sorted(audiences))
