"""Every view of the portal declares the HTTP methods it answers.

Walks the URLconf: each view of the portal's apps must be wrapped, somewhere
along its `__wrapped__` chain, by Django's `require_http_methods` (or
`require_GET` / `require_POST` / `require_safe`, built on it). Former
addresses (`gecolib.moved_urls`) are redirects of every method."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

APPS = ("gecolib", "structures", "facilitations", "protocols", "guide")


def declared_methods(view) -> list[str] | None:
    """The methods allowed by the innermost `require_http_methods` found."""
    seen = view
    while seen is not None:
        code = getattr(seen, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = seen.__closure__[code.co_freevars.index("request_method_list")]
            return list(cell.cell_contents)
        seen = getattr(seen, "__wrapped__", None)
    return None


def portal_views(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from portal_views(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            if getattr(callback, "moved_from", None) is not None:
                continue
            module = getattr(callback, "__module__", "") or ""
            if module.split(".")[0] in APPS:
                yield route, entry.name, callback


def test_the_urlconf_has_portal_views():
    assert len(VIEWS) > 100


VIEWS = list(portal_views())


@pytest.mark.parametrize(
    "route,name,callback", VIEWS, ids=[f"{name or '-'}:{route}" for route, name, _ in VIEWS]
)
def test_every_view_declares_its_methods(route, name, callback):
    methods = declared_methods(callback)
    assert methods, (
        f"{name} ({route}): wrap the view with require_GET, require_POST or require_http_methods"
    )
    assert set(methods) <= {"GET", "HEAD", "POST", "OPTIONS"}, methods
