"""Benchmarks print figures; CI runs them once, in its PostgreSQL pass.

Run them by hand with `pytest tests/perf -s` (on any database)."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("CI") or os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="CI : les mesures tournent une fois, dans la passe PostgreSQL")
    for item in items:
        if "tests/perf/" in str(item.fspath):
            item.add_marker(skip)
