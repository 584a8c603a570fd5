"""Searching the live guide pages a user may read.

One entry point per need, all starting from `Page.objects.visible_to(user)` so
that a members-only page never reaches a visitor's results, suggestions or
autocomplete:

- `search_pages(user, q, theme=, kind=)`: the matching pages, best first
  (title > summary and themes > body and attachment names);
- `suggest_titles(user, q)`: page titles whose words start with what was typed;
- `did_you_mean(user, q)`: a corrected query when nothing matched.

A query is read once, in Python, as groups of expressions
(`guide.search.synonyms.query_groups`: the typed words, the synonyms staff
declared, quoted text), each word as the terms of `guide.search.text`; a page
matches when it holds every group, a group when it holds every word of one of
its expressions. PostgreSQL matches them as a tsquery against the page's
terms (GIN index) and ranks with ts_rank on its title and summary; SQLite
matches the same terms in the normalised columns and ranks by where they are
found. Both give the same answers.
"""

from __future__ import annotations

import difflib

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When

from ..models import Page
from ..models.pages import audiences_for
from .documents import vocabulary_cache_key
from .synonyms import Expression, Group, group_terms, query_groups
from .text import STOP_WORDS, words

# Weights on SQLite, in the proportions of PostgreSQL's default ts_rank
# weights for A, B and C (1.0, 0.4, 0.2).
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10, 4, 2


# What a list of results shows: never the long body or the vector.
RESULT_FIELDS = (
    "title", "slug", "summary", "kind", "themes", "audience", "search_index__text",
)  # fmt: skip


def query_terms(q: str) -> list[str]:
    """Every term the query may find (synonyms included), for highlighting."""
    return group_terms(query_groups(q))


class TermsQuery(SearchQuery):
    """A tsquery written by `tsquery_text` (its terms already normalised)."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, text: str):
        super().__init__(text, search_type="raw")


def _word_tsquery(word: tuple[str, ...]) -> str:
    alternatives = " | ".join(f"'{term}'" for term in word)
    return f"({alternatives})" if len(word) > 1 else alternatives


def _expression_tsquery(expression: Expression) -> str:
    return "(" + " & ".join(_word_tsquery(word) for word in expression.words) + ")"


def tsquery_text(groups: list[Group]) -> str:
    """Every group found, any expression of a group, every word of an
    expression: "(('kin') | ('kinesitherapeut')) & ('entors')". The index
    keeps no positions: an expression's words are found anywhere in the page,
    as on SQLite."""
    return " & ".join(
        "(" + " | ".join(_expression_tsquery(e) for e in group) + ")" for group in groups
    )


def _terms_q(word: tuple[str, ...], columns=("title_terms", "summary_terms", "body_terms")) -> Q:
    found = Q()
    for term in word:
        for column in columns:
            found |= Q(**{f"search_index__{column}__contains": f" {term} "})
    return found


def _group_q(group: Group, columns=("title_terms", "summary_terms", "body_terms")) -> Q:
    """SQLite: any expression of the group, each with all its words (a phrase
    is read as its words)."""
    found = Q()
    for expression in group:
        every = Q()
        for word in expression.words:
            every &= _terms_q(word, columns)
        found |= every
    return found


def search_pages(user, q: str, *, theme: str = "", kind: str = "") -> QuerySet[Page]:
    """Live pages visible to `user` matching every word of `q`, best first,
    annotated with `rank`; with the index row joined (`search_index`), and
    only the fields a list of results shows loaded."""
    pages = Page.objects.visible_to(user).select_related("search_index").only(*RESULT_FIELDS)
    if theme:
        pages = pages.filter(search_index__themes__contains=f" {theme} ")
    if kind:
        pages = pages.filter(kind=kind)
    groups = query_groups(q)
    if not groups:
        return pages.none()
    if connection.vendor == "postgresql":
        query = TermsQuery(tsquery_text(groups))
        return (
            pages.filter(search_index__vector=query)
            .annotate(rank=SearchRank(F("search_index__rank_vector"), query))
            .order_by("-rank", "title", "pk")
        )
    for group in groups:
        pages = pages.filter(_group_q(group))
    score = sum(
        (
            _weight(_group_q(group, (column,)), weight)
            for group in groups
            for column, weight in (
                ("title_terms", TITLE_WEIGHT),
                ("summary_terms", SUMMARY_WEIGHT),
                ("body_terms", BODY_WEIGHT),
            )
        ),
        Value(0),
    )
    return pages.annotate(rank=Case(default=score, output_field=FloatField())).order_by(
        "-rank", "title", "pk"
    )


def _weight(condition: Q, weight: int):
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def suggest_titles(user, q: str, *, limit: int = 8) -> list[Page]:
    """Visible pages whose title has a word starting with each typed word
    ("equi" finds "Équipe"); at most `limit`, by title. One query."""
    typed = words(q or "")
    if not typed:
        return []
    pages = Page.objects.visible_to(user)
    for word in typed:
        pages = pages.filter(search_index__title_words__contains=f" {word}")
    return list(pages.only("title", "slug").order_by("title", "pk")[:limit])


VOCABULARY_CACHE_SECONDS = 3600


def visible_vocabulary(user) -> frozenset[str]:
    """The folded words of the titles and summaries of the pages `user` may
    read, cached per set of audiences (the index clears it on every change)."""
    key = vocabulary_cache_key(audiences_for(user))
    vocabulary = cache.get(key)
    if vocabulary is None:
        rows = Page.objects.visible_to(user).values_list("search_index__title_words", "summary")
        found: set[str] = set()
        for title_words, summary in rows:
            found.update((title_words or "").split())
            found.update(words(summary or ""))
        vocabulary = frozenset(found - STOP_WORDS)
        cache.set(key, vocabulary, VOCABULARY_CACHE_SECONDS)
    return vocabulary


def did_you_mean(user, q: str) -> str:
    """A corrected query built from the words of visible pages' titles and
    summaries, or "" when nothing close enough (or no better query) is found.
    At most two queries: the vocabulary (cached), then a check that the
    correction finds pages."""
    typed = words(q or "")
    if not typed:
        return ""
    vocabulary = visible_vocabulary(user)
    corrected, changed = [], False
    for word in typed:
        if word in vocabulary or word in STOP_WORDS or len(word) < 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            corrected.append(close[0])
            changed = True
        else:
            corrected.append(word)
    suggestion = " ".join(corrected)
    if not changed or not search_pages(user, suggestion).exists():
        return ""
    return suggestion
