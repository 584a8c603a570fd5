"""Security headers of every response: a strict Content-Security-Policy, a
Permissions-Policy, the referrer policy, and `Cache-Control: private,
no-store` on whatever a signed-in user receives; the view that logs the
policy's violation reports."""

import json
import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from gecolib.middleware import PrivateCacheMiddleware
from gecolib.views import security

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("csp_report")
EXPECTED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "report-uri": REPORT_URL,
}


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {name: value for name, value in parts}


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_security_headers(response) -> None:
    assert directives(response) == EXPECTED_DIRECTIVES
    assert response["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


# -- pages and downloads ---------------------------------------------------------------


def test_public_page_has_the_policies_and_may_be_cached(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert_security_headers(response)
    # Nothing private on the visitors' home page: no need to forbid caching.
    assert "no-store" not in cache_directives(response)


def test_the_policy_allows_no_inline_script_or_style(client):
    found = directives(client.get(reverse("structures:directory")))
    for directive in ("script-src", "style-src", "default-src"):
        assert "unsafe-inline" not in found[directive]
        assert "unsafe-eval" not in found[directive]
        assert "*" not in found[directive]


@pytest.mark.parametrize("name", ["home", "profile", "structures:directory", "charter"])
def test_signed_in_pages_are_private_and_not_stored(client_for, member, name):
    response = client_for(member).get(reverse(name))
    assert response.status_code == 200
    assert_security_headers(response)
    assert {"private", "no-store"} <= cache_directives(response)


def test_redirects_to_a_signed_in_user_are_not_stored(client_for, member):
    response = client_for(member).get(reverse("charter_edit"))
    assert response.status_code == 403
    assert {"private", "no-store"} <= cache_directives(response)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_downloads_are_private_and_not_stored(client_for, staff, export_format):
    response = client_for(staff).get(
        reverse("facilitations:stats_export"), {"format": export_format}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert_security_headers(response)
    assert {"private", "no-store"} <= cache_directives(response)


# -- the cache middleware on its own ----------------------------------------------------


def _through_middleware(path: str, user, cache_control: str | None) -> HttpResponse:
    def view(request):
        response = HttpResponse("ok")
        if cache_control:
            response["Cache-Control"] = cache_control
        return response

    request = RequestFactory().get(path)
    request.user = user
    return PrivateCacheMiddleware(view)(request)


def test_a_public_cache_header_becomes_private_for_a_signed_in_user(member):
    response = _through_middleware("/structures/", member, "public, max-age=600")
    assert cache_directives(response) == {"private", "no-store", "max-age=600"}


def test_a_stricter_header_already_set_is_kept(member):
    response = _through_middleware(
        "/structures/", member, "max-age=0, no-cache, no-store, must-revalidate, private"
    )
    assert cache_directives(response) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_static_files_and_visitors_are_left_alone(member):
    static = _through_middleware("/static/css/portal.css", member, "max-age=31536000, public")
    assert cache_directives(static) == {"max-age=31536000", "public"}
    anonymous = _through_middleware("/structures/", AnonymousUser(), None)
    assert "Cache-Control" not in anonymous


# -- the violation reports ----------------------------------------------------------------

REPORT = {
    "csp-report": {
        "document-uri": "https://geco-lib.fr/structures/",
        "referrer": "",
        "violated-directive": "style-src-attr",
        "effective-directive": "style-src-attr",
        "original-policy": "default-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "https://geco-lib.fr/structures/",
        "status-code": 200,
        "script-sample": "",
    }
}


def logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "gecolib.csp"]


def post_report(client, payload, content_type="application/csp-report"):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(REPORT_URL, body, content_type=content_type)


def test_a_report_is_logged_without_login_or_csrf_token(caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        response = post_report(client, REPORT)
    assert response.status_code == 204
    [message] = logged(caplog)
    assert "style-src-attr" in message
    assert "https://geco-lib.fr/structures/" in message
    assert "original-policy" not in message  # only the bounded fields


def test_a_reporting_api_report_is_logged(client, caplog):
    reports = [
        {
            "type": "csp-violation",
            "url": "https://geco-lib.fr/",
            "body": {
                "documentURL": "https://geco-lib.fr/",
                "effectiveDirective": "script-src-elem",
                "blockedURL": "inline",
                "disposition": "enforce",
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        response = post_report(client, reports, content_type="application/reports+json")
    assert response.status_code == 204
    [message] = logged(caplog)
    assert "script-src-elem" in message


def test_report_fields_are_cut_short(client, caplog):
    long_report = {"csp-report": {**REPORT["csp-report"], "blocked-uri": "x" * 5000}}
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        assert post_report(client, long_report).status_code == 204
    assert "x" * security.MAX_FIELD_CHARS in caplog.text
    assert "x" * (security.MAX_FIELD_CHARS + 1) not in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        "",
        "pas du json",
        "[1, 2]",
        "[]",
        '{"autre": 1}',
        '{"csp-report": "texte"}',
        "null",
        "[" * 5000 + "]" * 5000,
    ],
    ids=["vide", "texte", "nombres", "liste-vide", "autre-objet", "texte-seul", "null", "imbrique"],
)
def test_an_unreadable_report_is_refused(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        assert post_report(client, body).status_code == 400
    assert logged(caplog) == []


def test_a_large_report_is_refused_unread(client, caplog):
    body = json.dumps({"csp-report": {"blocked-uri": "x" * security.MAX_REPORT_BYTES}})
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        assert post_report(client, body).status_code == 413
    assert logged(caplog) == []


def test_reports_beyond_the_minute_budget_are_not_logged(client, caplog, monkeypatch):
    monkeypatch.setattr(security, "REPORTS_PER_MINUTE", 3)
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        codes = [post_report(client, REPORT).status_code for _ in range(5)]
    # Dropped quietly beyond the budget: an error status would be logged too.
    assert codes == [204] * 5
    assert len(logged(caplog)) == 3
    assert [record.name for record in caplog.records] == ["gecolib.csp"] * 3


def test_reports_are_logged_when_the_cache_is_down(client, caplog, monkeypatch):
    class DownCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

        incr = add

    # The module's name for the cache, not the cache itself: the per-test
    # cache settings (tests/conftest.py) replace the cache before this is undone.
    monkeypatch.setattr(security, "cache", DownCache())
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        assert post_report(client, REPORT).status_code == 204
    assert len(logged(caplog)) == 1


def test_the_report_address_takes_only_post(client):
    assert client.get(REPORT_URL).status_code == 405
