"""Search in the guide: normalised French text (`text`), the index kept by
signals (`indexing`, `documents`), the synonyms staff keep (`synonyms`),
queries (`query`) and excerpts (`excerpts`)."""

from .excerpts import excerpt, highlight
from .query import did_you_mean, query_terms, search_pages, suggest_titles

__all__ = ["did_you_mean", "excerpt", "highlight", "query_terms", "search_pages", "suggest_titles"]
