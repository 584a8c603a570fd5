"""Permission matrix: every role of the cast against the core's pages (home,
liveness, profile, charter, user management) and the Django admin's index."""

import pytest

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import CalendarFeedToken
from tests.matrix import expect, get, matrix_test, post

pytestmark = pytest.mark.django_db

STAFF_GET = expect(403, staff=200)
UNKNOWN_JOB = "6f1c9a52-1d5e-4c44-9a39-2f0b7e2c1a11"
FACILITATORS = ("facilitator", "project_officer", "outside_facilitator")

CASES = [
    # The home page: a dashboard when signed in, a presentation for visitors.
    get("home", expect(200, anonymous=200)),
    # Each person's « À faire » list: signed in only, always their own.
    get("todo_list", expect(200)),
    get("healthz", expect(200, anonymous=200)),
    post("healthz", expect(405, anonymous=405)),
    # Browsers post CSP violation reports as JSON, signed in or not, without a
    # CSRF token: nobody is sent to log in (a form-encoded body is unreadable: 400).
    post("csp_report", expect(400, anonymous=400), data={"csp-report": "x"}),
    # Readiness (database, cache, broker): public, like the liveness probe.
    get("healthz_ready", expect(200, anonymous=200)),
    post("healthz_ready", expect(405, anonymous=405)),
    get("profile", expect(200)),
    # Pro Santé Connect: the link offered after a password sign-in (nothing
    # pending in these sessions: 404), and unlinking (no linked account: 404).
    get("psc_link_pending", expect(404)),
    post("psc_link_pending", expect(404)),
    post("psc_unlink", expect(404)),
    get("psc_unlink", expect(405)),
    # A background export is only ever its requester's: anyone else gets 404.
    get("export_job", expect(404), kwargs={"pk": UNKNOWN_JOB}),
    get("export_job_progress", expect(404), kwargs={"pk": UNKNOWN_JOB}),
    get("export_job_file", expect(404), kwargs={"pk": UNKNOWN_JOB}),
    # The Markdown editor's preview: any signed-in person, POST only.
    post("markdown_preview", expect(200), data={"field": "text", "text": "**gras**"}),
    get("markdown_preview", expect(405)),
    post(
        "markdown_preview",
        expect(404),
        kwargs={"flavour": "inconnu"},
        data={"field": "text", "text": "**gras**"},
        label="markdown_preview-unknown-flavour",
    ),
    get("charter", expect(200, anonymous=200)),
    # Only facilitators have a charter to accept; the others are shown it.
    get("charter_accept", expect("charter", **dict.fromkeys(FACILITATORS, 200))),
    get("charter_edit", STAFF_GET),
    # The charter's history: staff only; comparing a version with itself is refused.
    get("charter_versions", STAFF_GET),
    get("charter_version", STAFF_GET, kwargs={"number": 1}),
    get(
        "charter_compare",
        expect(403, staff="charter_versions"),
        data={"a": "1", "b": "1"},
        label="charter_compare-same",
    ),
    # Restoring the current text is refused (nothing to restore): back to the history.
    post("charter_restore", expect(403, staff="charter_versions"), kwargs={"number": 1}),
    get("charter_restore", expect(403, staff=405), kwargs={"number": 1}),
    get("user_list", STAFF_GET),
    get("user_role", STAFF_GET, pk="target"),
    post("user_role", expect(403, staff=302), pk="target", data={"role": "charge_mission"}),
    # The personal calendar feed: a secret URL read without signing in.
    post("calendar_feed_renew", expect(302)),
    get("calendar_feed_renew", expect(405)),
    post("calendar_feed_revoke", expect(302)),
    get("calendar_feed_revoke", expect(405)),
    get("calendar_feed", expect(200, anonymous=200), kwargs=lambda c: {"token": c["feed"].token}),
    get(
        "calendar_feed",
        expect(404, anonymous=404),
        kwargs={"token": "n0t-a-valid-feed-token-at-all"},
        label="calendar_feed-revoked",
    ),
    # The public-service pages of the footer: open to everyone.
    get("contact", expect(200, anonymous=200)),
    post(
        "contact",
        expect(302, anonymous=302),
        data=lambda c: {
            "name": "Anne Guillou",
            "email": "anne@exemple.fr",
            "subject": "other",
            "body": "Une question sur le portail.",
            TOKEN_FIELD: new_token(),
        },
    ),
    get("contact_messages", STAFF_GET),
    post("contact_messages", expect(403, staff=405)),
    get("legal_notice", expect(200, anonymous=200)),
    get("personal_data", expect(200, anonymous=200)),
    get("accessibility", expect(200, anonymous=200)),
    # One's own data and account: any signed-in person (a wrong password changes nothing).
    get("personal_data_export", expect(200)),
    get("account_delete", expect(200)),
    post("account_delete", expect(200), data={"password": "faux", "confirm": "on"}),
    # The admin sends whoever is not staff to its own login page.
    get("admin:index", expect("admin:login", anonymous="admin:login", staff=200)),
]


def module_context(world):
    return {"target": world["professional"], "feed": CalendarFeedToken.renew(world["member"])}


test_permission_matrix = matrix_test(CASES)
