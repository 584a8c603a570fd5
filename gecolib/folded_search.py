"""Searches that ignore accents and case (« plerin » finds « Plérin »), served
by an index on PostgreSQL.

Both sides of the comparison are folded the same way: the searched text in
Python (`gecolib.text.fold`: accents dropped, ligatures spelt out, lower
case), the column in SQL by `gecolib_fold(text)`:

- on PostgreSQL, an IMMUTABLE SQL function over the `unaccent` extension
  (gecolib's migration 0014). Being immutable, it can be indexed: a trigram
  GIN index of `gecolib_fold(column)` serves `gecolib_fold(column) LIKE
  '%…%'`, which the app migrations create for the columns they search;
- on SQLite, the embedded default, the same Python `fold`, registered on
  every new connection (`connect()`, called by the core app's `ready()`).
  SQLite scans: its tables stay small.
"""

from __future__ import annotations

from django.db import models
from django.db.backends.signals import connection_created

from .text import fold

FUNCTION = "gecolib_fold"


def folded(field: str) -> models.Func:
    """A text column without accents nor case, as `fold` writes a search."""
    return models.Func(models.F(field), function=FUNCTION, output_field=models.TextField())


def matching(queryset: models.QuerySet, field: str, text: str) -> models.QuerySet:
    """The rows of `queryset` whose `field` contains `text`, accents and case
    ignored. An empty search (after folding) keeps every row."""
    search = fold(text).strip()
    if not search:
        return queryset
    alias = f"{field}_folded"
    return queryset.alias(**{alias: folded(field)}).filter(**{f"{alias}__contains": search})


def _register_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, _fold_or_null, deterministic=True)


def _fold_or_null(value):
    return None if value is None else fold(value)


def connect() -> None:
    """Called by the core app's ready(): SQLite learns `gecolib_fold`."""
    connection_created.connect(_register_on_sqlite, dispatch_uid="gecolib-folded-search")
