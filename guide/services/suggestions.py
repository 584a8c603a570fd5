"""Suggestions from the network: stored once checked like any text of the
guide (the answer is e-mailed to the person who suggested), then answered."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import Page, Suggestion
from .attachments import upload_name

# Set by the code, not typed (an account deleted since leaves no author).
NOT_TYPED = ["file", "author", "page", "answered_by", "draft_page"]


@transaction.atomic
def create_suggestion(
    *,
    page: Page | None,
    title: str,
    text: str,
    author,
    upload=None,
    mime_type: str = "",
    names_confirmed: bool = False,
) -> Suggestion:
    """Raises ValidationError (field → messages; nothing stored) for text
    that could identify a patient."""
    suggestion = Suggestion(page=page, title=title, text=text, author=author)
    suggestion.names_confirmed = names_confirmed
    if upload:
        suggestion.mime_type = mime_type
        suggestion.original_name = upload_name(upload)
    suggestion.full_clean(exclude=NOT_TYPED)
    if upload:
        suggestion.file.save(upload.name, upload, save=False)
    suggestion.save()
    notifications.suggestion_received(suggestion)
    return suggestion


@transaction.atomic
def answer_suggestion(
    suggestion: Suggestion, status: str, answer: str, *, by, names_confirmed: bool = False
) -> Suggestion:
    """Record the answer and e-mail it to the person who suggested (when they
    may still read the suggestion: guide.notifications)."""
    suggestion.status = status
    suggestion.answer = answer
    suggestion.answered_by = by
    suggestion.answered_at = timezone.now()
    suggestion.names_confirmed = names_confirmed
    suggestion.full_clean(exclude=NOT_TYPED)
    suggestion.save()
    notifications.suggestion_answered(suggestion)
    return suggestion
