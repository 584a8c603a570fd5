"""Where browsers report what the Content-Security-Policy blocked.

The policy (settings `CONTENT_SECURITY_POLICY`) names `csp_report` as its
`report-uri`: a browser posts there, without a CSRF token and often without
cookies, a JSON description of each blocked script, style or frame. The view
writes one log line per report, so a page that breaks the policy (or an
injection attempt) shows up in the logs.

Anyone can post here, so the view is bounded: bodies over `MAX_REPORT_BYTES`
are refused unread, only a few fields are logged, each cut to
`MAX_FIELD_CHARS`, and at most `REPORTS_PER_MINUTE` reports a minute are
logged for the whole site (a global budget, not per address: it holds
whatever address a client claims). The budget lives in the cache; if the
cache is down, reports are still logged (the size bounds still hold) rather
than lost.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("gecolib.csp")

MAX_REPORT_BYTES = 16 * 1024
MAX_FIELD_CHARS = 300
REPORTS_PER_MINUTE = 120
MAX_REPORTS_PER_REQUEST = 10

# The fields logged, as `report-uri` names them (application/csp-report) and
# as the Reporting API names them (application/reports+json, camelCase).
FIELDS: dict[str, str | None] = {
    "document-uri": "documentURL",
    "effective-directive": "effectiveDirective",
    "violated-directive": None,  # an older name of the effective directive
    "blocked-uri": "blockedURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
    "disposition": "disposition",
}


@csrf_exempt
@login_not_required
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log the violations of one browser report: 204 when logged (or dropped
    once the minute's budget is spent: a 4xx would itself be logged by
    Django), 400 when unreadable, 413 when too large."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        violations = list(_violations(json.loads(body)))
    except (ValueError, RecursionError):  # not JSON (or nested beyond reason)
        return HttpResponse(status=400)
    if not violations:
        return HttpResponse(status=400)
    if not _within_budget():
        return HttpResponse(status=204)
    for violation in violations[:MAX_REPORTS_PER_REQUEST]:
        logger.warning("CSP violation: %s", violation)
    return HttpResponse(status=204)


def _violations(payload: Any) -> Iterator[dict[str, str]]:
    """The reported violations, each reduced to the bounded `FIELDS`.

    `report-uri` sends one object `{"csp-report": {...}}`; the Reporting API
    a list of `{"type": "csp-violation", "body": {...}}`."""
    if isinstance(payload, Mapping):
        yield _fields(payload.get("csp-report"), camel_case=False)
        return
    if isinstance(payload, list):
        for report in payload[:MAX_REPORTS_PER_REQUEST]:
            if isinstance(report, Mapping) and report.get("type") == "csp-violation":
                yield _fields(report.get("body"), camel_case=True)
        return
    raise ValueError("not a CSP report")


def _fields(report: Any, *, camel_case: bool) -> dict[str, str]:
    if not isinstance(report, Mapping):
        raise ValueError("not a CSP report")
    fields = {}
    for name, camel in FIELDS.items():
        key = camel if camel_case else name
        value = report.get(key) if key else None
        if value is not None:
            fields[name] = str(value)[:MAX_FIELD_CHARS]
    return fields


def _within_budget() -> bool:
    key = f"csp-report:{int(time.time() // 60)}"
    try:
        cache.add(key, 0, timeout=120)
        return cache.incr(key) <= REPORTS_PER_MINUTE
    except Exception:  # noqa: BLE001 - the cache is down: log anyway, bounded by size
        return True
