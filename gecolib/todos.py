"""« À faire »: one list per person on the dashboard, built from what each app
knows the person has to do.

Each app registers, in its `dashboard.py`, a function of the user returning
`Todo` items (`register_todos`): minutes to write or validate, protocols
awaiting the person's agreement, monthly counts due, reviews due, open
decisions, answers awaited, suggestions to review… The core merges them into
one list: each thing once (the same `key` from two sources is one line, the
earliest date kept), sorted by date (undated last), each line linking to the
page where the person acts. A source reads a fixed number of queries, whatever
the size of the network.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .registry import AppRegistry

# The dashboard shows this many lines, then « et N autres ».
SHOWN = 12


@dataclass(frozen=True)
class Todo:
    """One thing to do: `label` says what (French, complete: « Valider le
    compte rendu de la RCP du 3 mars »), `url` where, `due` by when (or when
    it became due), `topic` the tool it belongs to (« RCP », « Protocole »…),
    `key` what makes it the same thing whoever lists it. Only a `due` date
    can be passed (« en retard »); `since` is how long it has waited."""

    key: str
    label: str
    url: str
    topic: str
    due: datetime.date | None = None
    # What has no deadline but waits since a day (a request to examine, a
    # suggestion to answer): shown « depuis le … », sorted by that day.
    since: datetime.date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


_todo_sources: AppRegistry[Callable[[object], list[Todo]]] = AppRegistry("to-dos")
register_todos = _todo_sources.register


def todos_for(user) -> list[Todo]:
    """Every app's to-dos for `user`: deduplicated by key, sorted by date
    (undated last), then by label."""
    merged: dict[str, Todo] = {}
    for source in _todo_sources:
        for todo in source(user):
            known = merged.get(todo.key)
            if known is None or _date_rank(todo) < _date_rank(known):
                merged[todo.key] = todo
    return sorted(merged.values(), key=lambda todo: (_date_rank(todo), todo.label, todo.key))


def _date_rank(todo: Todo) -> tuple[int, datetime.date]:
    day = todo.due or todo.since
    return (0, day) if day is not None else (1, datetime.date.max)
