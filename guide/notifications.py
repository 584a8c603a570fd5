"""E-mails of the guide's review and suggestions (gecolib.notifications.notify)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from gecolib.models import User
from gecolib.notifications import notify

from .models import GuideEditor, Page, Suggestion


def _url(path: str) -> str:
    return settings.SITE_URL + path


def staff_addresses() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def editor_addresses() -> list[str]:
    editors = GuideEditor.objects.filter(user__is_active=True).values_list("user__email", flat=True)
    return list(dict.fromkeys([*staff_addresses(), *editors]))


def review_requested(page: Page, *, by) -> None:
    notify(
        staff_addresses(),
        "guide/emails/review_requested",
        {"page": page, "by": by, "url": _url(reverse("guide:edit", args=[page.slug]))},
    )


def review_approved(page: Page, *, by) -> None:
    author = page.review_requested_by
    if author is None:
        return
    notify(
        [author.email],
        "guide/emails/review_approved",
        {"page": page, "by": by, "url": _url(page.get_absolute_url())},
    )


def changes_requested(page: Page, *, by) -> None:
    author = page.review_requested_by
    if author is None:
        return
    notify(
        [author.email],
        "guide/emails/changes_requested",
        {"page": page, "by": by, "url": _url(reverse("guide:edit", args=[page.slug]))},
    )


def suggestion_received(suggestion: Suggestion) -> None:
    notify(
        editor_addresses(),
        "guide/emails/suggestion_received",
        {
            "suggestion": suggestion,
            "url": _url(reverse("guide:suggestion", args=[suggestion.pk])),
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
