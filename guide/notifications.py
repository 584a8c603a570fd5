"""E-mails of the guide's review and suggestions (gecolib.notifications.notify)."""

from __future__ import annotations

from gecolib.absolute_urls import absolute_url
from gecolib.models import User
from gecolib.notifications import notify

from .models import GuideEditor, Page, Suggestion


def editor_addresses() -> list[str]:
    """The active staff and rédacteurs du guide."""
    editors = GuideEditor.objects.filter(user__is_active=True).values_list("user__email", flat=True)
    return list(dict.fromkeys([*User.objects.staff_emails(), *editors]))


def review_requested(page: Page, *, by) -> None:
    notify(
        User.objects.staff_emails(),
        "guide/emails/review_requested",
        {"page": page, "by": by, "url": absolute_url("guide:page_edit", page.slug)},
    )


def review_approved(page: Page, *, by) -> None:
    author = page.review_requested_by
    if author is None:
        return
    notify(
        [author.email],
        "guide/emails/review_approved",
        {"page": page, "by": by, "url": absolute_url(page)},
    )


def changes_requested(page: Page, *, by) -> None:
    author = page.review_requested_by
    if author is None:
        return
    notify(
        [author.email],
        "guide/emails/changes_requested",
        {"page": page, "by": by, "url": absolute_url("guide:page_edit", page.slug)},
    )


def suggestion_received(suggestion: Suggestion) -> None:
    notify(
        editor_addresses(),
        "guide/emails/suggestion_received",
        {
            "suggestion": suggestion,
            "url": absolute_url("guide:suggestion", suggestion.pk),
        },
    )


def suggestion_answered(suggestion: Suggestion) -> None:
    if suggestion.author is None:
        return
    notify(
        [suggestion.author.email],
        "guide/emails/suggestion_answered",
        {"suggestion": suggestion},
    )
