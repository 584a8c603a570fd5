"""What the search index holds for a page: pure functions of its live
fields, shared by the signal handlers (`guide.search.indexing`) and the
migration that indexed the pages created before the index."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from gecolib.markdown import markdown_to_text

from ..enums import Theme
from .text import folded_words, indexed

# The PostgreSQL text search configuration made by migration 0002_search:
# french with unaccent before french_stem.
SEARCH_CONFIG = "french_unaccent"

INTERNAL_LINK = re.compile(r"\[\[\s*([a-z0-9][a-z0-9-]*)\s*(?:\|([^\]\n]*))?\]\]")
ATTACHMENT_REFERENCE = re.compile(r"\(fichier:\d+\)")


def plain_text(body: str) -> str:
    """A page body as the words a reader sees: Markdown removed, `[[slug]]`
    links read as their label (or their address's words)."""
    body = INTERNAL_LINK.sub(
        lambda m: (m.group(2) or "").strip() or m.group(1).replace("-", " "), body or ""
    )
    body = ATTACHMENT_REFERENCE.sub("", body)
    return markdown_to_text(body)


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


def search_vector(title: str, summary_text: str, body_text: str) -> SearchVector:
    """The weighted tsvector of a page: title A, summary and themes B, body C."""
    return (
        SearchVector(Value(title), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(summary_text), weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(body_text), weight="C", config=SEARCH_CONFIG)
    )


def vocabulary_cache_key(audiences) -> str:
    """Where the "did you mean" vocabulary of a set of audiences is cached."""
    return "guide-search-vocabulary:" + ",".join(sorted(audiences))
