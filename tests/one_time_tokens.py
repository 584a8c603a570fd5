"""Every form that creates something or sends an e-mail carries the one-time
token (gecolib/idempotency.py), so a double click or a replay does it once.

The permission matrices call `forms_missing_token(response)` on every page
they open with a 200: each `<form method="post">` of the page must carry the
hidden `submission_token`, unless the URL it posts to is in `NO_TOKEN`, the
list of POST targets that neither create nor send (an edit of an existing
object, a confirmed deletion, a toggle, signing out…): sent twice, they leave
the same state and send nothing twice. A new form posting elsewhere without
the token fails the matrix of its page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlparse

from django.urls import Resolver404, resolve

TOKEN_FIELD = "submission_token"

_EDIT = "edits an existing object: the same post twice leaves the same text"
_STATE = "sets a state: a second post finds it set (or is refused) and sends nothing"
_DELETE = "deletes after a confirmation: a second post finds nothing to delete"

NO_TOKEN: dict[str, str] = {
    # Accounts.
    "account_logout": "signs out",
    "admin:logout": "signs out",
    "account_delete": _DELETE,
    "profile": _EDIT,
    "psc_login": "leaves for Pro Santé Connect; the answer is used once (its state)",
    "psc_link_pending": "links the identity offered, once (a second post finds nothing pending)",
    "psc_unlink": _DELETE,
    "user_role": _STATE,
    "charter_accept": "records the acceptance of the charter in force, once",
    "calendar_feed_renew": "replaces the feed's secret address; nothing is sent",
    "calendar_feed_revoke": _STATE,
    # Structures.
    "structures:edit": _EDIT,
    "structures:missions": _EDIT,
    "structures:carpec_session": _EDIT,
    "structures:carpec_review_outcome": _STATE,
    "structures:health_project_edit_section": _EDIT + " (with a version check)",
    "structures:health_project_transition": _STATE,
    "structures:invitation_accept": _STATE,
    "structures:invitation_decline": _STATE,
    "structures:invitation_cancel": _STATE,
    "structures:membership_end": _STATE,
    "structures:membership_role": _STATE,
    # Facilitations.
    "facilitations:close": _STATE,
    "facilitations:status": _STATE,
    "facilitations:request_review": _STATE,
    "facilitations:session_edit": _EDIT,
    "facilitations:followup_toggle": (
        "marks a follow-up done or not done; sent by the row's button, which"
        " htmx replaces with the new state at once"
    ),
    # Coordination protocols.
    "protocols:protocol_edit": _EDIT + " (with a version check)",
    "protocols:protocol_validate": _STATE,
    "protocols:protocol_transition": _STATE,
    "protocols:protocol_indicator_value": (
        "one value per indicator and date: a second post of the same date is refused"
    ),
    # Cooperation protocols.
    "cooperation:protocol_edit": _EDIT,
    "cooperation:declaration_edit": _EDIT,
    "cooperation:status": _STATE,
    "cooperation:redeclare": _STATE,
    "cooperation:participant_remove": _DELETE,
    "cooperation:activity": "one row per month: the same counts again change nothing",
    # RCP meetings.
    "rcp:meeting_edit": (
        _EDIT + "; the rescheduling e-mail goes only when the date changes, so not twice"
    ),
    "rcp:item_edit": _EDIT + " (with a version check)",
    "rcp:minutes_edit": _EDIT + " (with a version check)",
    "rcp:meeting_invitees": _EDIT,
    "rcp:attendance": _EDIT,
    "rcp:item_delete": _DELETE,
    "rcp:respond": "records the member's answer, the same twice",
    "rcp:answer": "records the member's answer, the same twice",
    "rcp:decision_close": _STATE,
    # The guide (the forms that create — new page, suggestion, file, import —
    # carry the token).
    "guide:page_edit": _EDIT + " (with a version check); sending for review twice is refused",
    "guide:page_autosave": (
        "keeps the editor's unsaved text, one copy per editor and page, replaced at each"
        " post (posted by the page's script every few seconds, never by a form)"
    ),
    "guide:page_autosave_discard": _DELETE,
    "guide:page_preview": "shows the posted text as readers would see it; nothing is saved",
    "guide:page_publish": _STATE,
    "guide:page_review": _STATE,
    "guide:page_request_changes": _STATE,
    "guide:page_schedule": _STATE,
    "guide:page_unschedule": _STATE,
    "guide:page_unpublish": _STATE,
    "guide:page_archive": _STATE,
    "guide:page_unarchive": _STATE,
    "guide:pages_reorder": "sets the order of the tree: the same order twice is the same tree",
    "guide:pages_place": "puts a page at a place: the same move twice leaves it there",
    "guide:suggestion": "answers a suggestion: a second post finds it answered, sends nothing",
    "guide:suggestion_draft": "a second post finds the suggestion already taken into a draft",
    "guide:editors": "gives the editor role (get_or_create): the same twice is one role",
    "guide:editor_delete": _DELETE,
    "guide:attachment_delete": _DELETE,
}
"""URL name (with namespace) → why posting twice is harmless."""


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "inputs": set(),
            }
            self.forms.append(self._current)
        elif tag in {"input", "button", "select", "textarea"} and self._current is not None:
            if attrs.get("name"):
                self._current["inputs"].add(attrs["name"])
        # A submit button outside its form (form="…") is rare here; ignored.

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def forms_missing_token(response) -> list[str]:
    """The URL names of the POST forms of `response` without the token and
    not in NO_TOKEN."""
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    page = response.wsgi_request.path
    missing = []
    for form in parser.forms:
        if form["method"] != "post":
            continue
        # Prefixed forms name the token « <prefix>-submission_token ».
        if any(name.split("-")[-1] == TOKEN_FIELD for name in form["inputs"]):
            continue
        action = urlparse(form["action"]).path or page
        name = _url_name(action)
        if name is None or name.startswith("mfa_") or name in NO_TOKEN:
            continue
        missing.append(name)
    return missing
