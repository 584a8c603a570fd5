"""Synonyms applied to what a reader types, on both databases.

Staff keep lines of equivalent expressions (`SearchSynonym`: "kiné,
kinésithérapeute", "MG, médecin généraliste"). A query is read as groups that
must all be found: each typed word is a group of one expression; a run of
typed words equal to one expression of a line (compared on folded words,
stop words left out, so "medecin generaliste" matches "médecin généraliste")
becomes a group of every expression of the line, any of which may be found.
Quoted text ("réunion de concertation") stays one expression.

The table of lines is kept by each process and read again after a change: a
line saved or deleted bumps a version in the shared cache
(`SYNONYMS_VERSION_KEY`), which each process checks every few seconds.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import SearchSynonym
from ..models.search import split_expressions
from .text import STOP_WORDS, fold, lower_words, query_word_terms, words

SYNONYMS_VERSION_KEY = "guide-search-synonyms-version"
SYNONYMS_CACHE_SECONDS = 24 * 3600
# The longest expression looked for in a query, in words.
MAX_EXPRESSION_WORDS = 6
QUOTED_RE = re.compile(r'"([^"]*)"?')


@dataclass(frozen=True)
class Expression:
    """Words to find together: each as the terms it may be found under."""

    words: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, text: str) -> Expression:
        return cls(tuple(found for word in lower_words(text) if (found := query_word_terms(word))))


# A group: expressions any of which may be found.
Group = tuple[Expression, ...]


def _key(text: str) -> tuple[str, ...]:
    return tuple(word for word in words(text) if word not in STOP_WORDS)


def _load_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in SearchSynonym.objects.values_list("expressions", flat=True):
        expressions = split_expressions(line)
        for expression in expressions:
            key = _key(expression)
            if key:
                table[key] = tuple(dict.fromkeys((*table.get(key, ()), *expressions)))
    return table


# This process's copy of the table, with the version it was read at: the
# shared cache is asked for the version at most every CHECK_SECONDS.
_local: dict = {"version": None, "table": None, "checked": 0.0}
CHECK_SECONDS = 5.0


def synonym_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each expression's key (its folded words without stop words) → the
    expressions of its line(s). Kept in this process and checked against the
    shared cache's version every few seconds; one query after a change."""
    now = time.monotonic()
    if _local["table"] is not None and now - _local["checked"] < CHECK_SECONDS:
        return _local["table"]
    version = cache.get(SYNONYMS_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(SYNONYMS_VERSION_KEY, version, SYNONYMS_CACHE_SECONDS)
    if _local["version"] != version or _local["table"] is None:
        _local["table"] = _load_table()
        _local["version"] = version
    _local["checked"] = now
    return _local["table"]


def forget_synonyms() -> None:
    """After a change: every process reads the table again (this one at once)."""
    cache.set(SYNONYMS_VERSION_KEY, uuid.uuid4().hex, SYNONYMS_CACHE_SECONDS)
    _local["table"] = None


def query_groups(q: str) -> list[Group]:
    """What a query looks for: groups that must all be found, each with the
    expressions any of which will do (synonyms applied)."""
    groups: list[Group] = []
    table = synonym_table() if q and q.strip() else {}
    for n, part in enumerate(QUOTED_RE.split(q or "")):
        if n % 2:  # between quotes: one phrase
            expression = Expression.of(part)
            if expression.words:
                groups.append((expression,))
            continue
        typed = [word for word in lower_words(part) if fold(word) not in STOP_WORDS]
        folded = [fold(word) for word in typed]
        start = 0
        while start < len(typed):
            for size in range(min(MAX_EXPRESSION_WORDS, len(typed) - start), 0, -1):
                equivalents = table.get(tuple(folded[start : start + size]))
                if equivalents:
                    group = [Expression.of(text) for text in equivalents]
                    groups.append(tuple(dict.fromkeys(e for e in group if e.words)))
                    start += size
                    break
            else:
                expression = Expression.of(typed[start])
                if expression.words:
                    groups.append((expression,))
                start += 1
    return groups


def group_terms(groups: list[Group]) -> list[str]:
    """Every term a query may find, for highlighting."""
    return list(
        dict.fromkeys(
            term
            for group in groups
            for expression in group
            for word in expression.words
            for term in word
        )
    )


@receiver(post_save, sender=SearchSynonym, dispatch_uid="guide_search_synonym_saved")
@receiver(post_delete, sender=SearchSynonym, dispatch_uid="guide_search_synonym_deleted")
def _synonym_changed(sender, **kwargs):
    forget_synonyms()
