"""The walk of tests/one_time_tokens.py: every page the permission matrices
open is checked for POST forms without the one-time token. Here: the list of
exceptions names real routes, and the check finds a form without it."""

from django.http import HttpResponse
from django.test import RequestFactory

from tests.matrix import project_routes
from tests.one_time_tokens import NO_TOKEN, forms_missing_token


def test_every_exception_is_a_route_of_the_project():
    names = {route.name for route in project_routes()} | {"account_logout", "admin:logout"}
    assert set(NO_TOKEN) - names == set()


def _page(html: str, path: str = "/structures/nouvelle/") -> HttpResponse:
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response.wsgi_request = RequestFactory().get(path)
    return response


def test_a_creating_form_without_the_token_is_found():
    html = '<form method="post"><input name="name"><button>Créer</button></form>'
    assert forms_missing_token(_page(html)) == ["structures:create"]


def test_the_token_or_an_exception_passes():
    with_token = (
        '<form method="post" action="/structures/nouvelle/">'
        '<input type="hidden" name="submission_token" value="x"></form>'
    )
    prefixed = '<form method="post"><input type="hidden" name="r1-submission_token"></form>'
    logout = '<form method="post" action="/accounts/logout/"></form>'
    search = '<form method="get" action="/structures/"><input name="q"></form>'
    for html in (with_token, prefixed, logout, search):
        assert forms_missing_token(_page(html)) == [], html
