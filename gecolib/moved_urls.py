"""Former addresses of pages that moved: each answers 301 to the page's address
today, with the same parameters and query string, so bookmarks, links in old
e-mails and calendar entries keep working."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import URLPattern, path, re_path
from django.views.generic import RedirectView


class MovedPermanently(RedirectView):
    permanent = True
    query_string = True


def moved(old_route: str, name: str) -> URLPattern:
    """`old_route` (a `path()` route, same parameter names as the new one)
    answers 301 to the URL named `name` (« app:name »)."""
    # The redirect tells nothing: the new page asks for a login if it needs one.
    view = login_not_required(MovedPermanently.as_view(pattern_name=name))
    view.moved_from = old_route
    return path(old_route, view)


def moved_prefix(old_prefix: str, new_prefix: str) -> URLPattern:
    """Every address under `old_prefix` (« protocols/ ») answers 301 to the same
    address under `new_prefix` (« protocoles/ »), query string kept; a former
    path below it is then redirected by the app's own `moved` routes."""

    @login_not_required
    def view(request: HttpRequest, rest: str) -> HttpResponsePermanentRedirect:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            f"/{new_prefix}{rest}" + (f"?{query}" if query else "")
        )

    view.moved_from = old_prefix
    return re_path(rf"^{re.escape(old_prefix)}(?P<rest>.*)$", view)
