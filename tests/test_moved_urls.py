"""Former addresses answer 301 to the pages' French addresses.

Each app lists its moved paths in tests/<app>/moved_paths.py (`MOVED`: pairs of
an old path and the new one, with sample ids); a bookmark, a link in an old
e-mail or a calendar entry keeps working, query string included."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def moved_paths() -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(TESTS.glob("**/moved_paths.py")):
        module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        pairs += importlib.import_module(module).MOVED
    return pairs


def test_apps_list_their_moved_paths():
    assert len(moved_paths()) > 20


@pytest.mark.parametrize("old,new", moved_paths())
def test_a_former_path_answers_301_to_the_french_one(client, old, new):
    """At most two permanent redirects (the app's prefix, then the page's own
    path), the query string kept."""
    location, hops = f"{old}?page=2", 0
    while location != f"{new}?page=2":
        response = client.get(location)
        assert response.status_code == 301, f"{location}: {response.status_code}"
        location, hops = response["Location"], hops + 1
        assert hops <= 2, f"{old}: too many redirects, now at {location}"
    assert hops >= 1
