"""E-mails of the guide's review and suggestions (gecolib.notifications.notify).

Each kind has one function that says who receives it: among the people it is
meant for, those who may read its object *now* (guide.access: an editor who
lost the role, a member who left, a deleted account receive nothing)."""

from __future__ import annotations

from gecolib.absolute_urls import absolute_url
from gecolib.models import User
from gecolib.notifications import notify

from .access import may_read_drafts, may_read_page, may_read_suggestion
from .models import Page, Suggestion, guide_editors


def _emails(users) -> list[str]:
    return [user.email for user in users]


def review_requested_recipients(page: Page) -> list[User]:
    """The reviewers: staff, who read every draft."""
    return [user for user in guide_editors().filter(is_staff=True) if may_read_drafts(user)]


def review_approved_recipients(page: Page) -> list[User]:
    """The rédacteur who asked for the review, if they may read the page online."""
    author = page.review_requested_by
    return [author] if author is not None and may_read_page(author, page) else []


def changes_requested_recipients(page: Page) -> list[User]:
    """The rédacteur who asked for the review, if still an editor (the note is about a draft)."""
    author = page.review_requested_by
    return [author] if may_read_drafts(author) else []


def suggestion_received_recipients(suggestion: Suggestion) -> list[User]:
    return [user for user in guide_editors() if may_read_suggestion(user, suggestion)]


def suggestion_answered_recipients(suggestion: Suggestion) -> list[User]:
    """The person who suggested, if they may still read the suggestion."""
    author = suggestion.author
    return [author] if author is not None and may_read_suggestion(author, suggestion) else []


def suggestion_acknowledged_recipients(suggestion: Suggestion) -> list[User]:
    """The person who suggested, told at once that it arrived."""
    return suggestion_answered_recipients(suggestion)


def review_requested(page: Page, *, by) -> None:
    notify(
        _emails(review_requested_recipients(page)),
        "guide/emails/review_requested",
        {"page": page, "by": by, "url": absolute_url("guide:page_review_changes", page.slug)},
    )


def review_approved(page: Page, *, by) -> None:
    notify(
        _emails(review_approved_recipients(page)),
        "guide/emails/review_approved",
        {"page": page, "by": by, "url": absolute_url(page)},
    )


def changes_requested(page: Page, *, by) -> None:
    notify(
        _emails(changes_requested_recipients(page)),
        "guide/emails/changes_requested",
        {"page": page, "by": by, "url": absolute_url("guide:page_edit", page.slug)},
    )


def suggestion_received(suggestion: Suggestion) -> None:
    notify(
        _emails(suggestion_received_recipients(suggestion)),
        "guide/emails/suggestion_received",
        {
            "suggestion": suggestion,
            "url": absolute_url("guide:suggestion", suggestion.pk),
        },
    )


def suggestion_acknowledged(suggestion: Suggestion) -> None:
    """« Reçue » : the answer (retenue or not) comes once an editor decided."""
    notify(
        _emails(suggestion_acknowledged_recipients(suggestion)),
        "guide/emails/suggestion_acknowledged",
        {"suggestion": suggestion},
        key=f"guide-suggestion-acknowledged-{suggestion.pk}",
    )


def suggestion_answered(suggestion: Suggestion) -> None:
    notify(
        _emails(suggestion_answered_recipients(suggestion)),
        "guide/emails/suggestion_answered",
        {"suggestion": suggestion},
    )
