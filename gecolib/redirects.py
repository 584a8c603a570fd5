"""Where to go after a form: the `next` a page asked for, when it is a path of
this portal, else the view's own destination."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request: HttpRequest, fallback, *args, **kwargs) -> HttpResponseRedirect:
    """Redirect to the `next` of the POST (or GET) if it is a local URL of this
    site, else to `fallback` (anything `redirect()` takes: a model, a URL name
    with its arguments, a path). A `next` that is not a URL — a name, junk,
    another host — is never followed nor reversed."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return redirect(fallback, *args, **kwargs)
