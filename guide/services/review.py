"""Review of drafts: a rédacteur sends a draft for review; staff publish it or
ask for changes (the note is e-mailed to the rédacteur)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Page
from .checks import model_text_errors


def _locked(page: Page) -> Page:
    return Page.objects.select_for_update().get(pk=page.pk)


@transaction.atomic
def submit_for_review(page: Page, *, by) -> Page:
    """Send the latest draft for review: the reviewer sees it against the
    version online, and approving publishes this version (a draft saved
    afterwards is sent again by a new request). Raises ValidationError when
    there is no draft or this version is already in review: a second click
    sends no second e-mail."""
    if not page.has_draft:
        raise ValidationError(_("Il n'y a pas de brouillon à faire relire."))
    locked = _locked(page)
    if locked.in_review and locked.review_revision_id == locked.latest_revision_id:
        raise ValidationError(_("Ce brouillon est déjà en relecture."), code="in_review")
    locked.in_review = True
    locked.review_revision = locked.latest_revision
    locked.review_requested_by = by
    locked.review_note = ""
    locked.save(
        update_fields=[
            "in_review",
            "review_revision",
            "review_requested_by",
            "review_note",
            "updated_at",
        ]
    )
    page.refresh_from_db()
    return page


def review_note_errors(comment: str, *, names_confirmed: bool = False) -> list[ValidationError]:
    """The page's rule on its review note (it is e-mailed)."""
    errors = model_text_errors(Page, {"review_note": comment}, names_confirmed=names_confirmed)
    return errors.get("review_note", [])


@transaction.atomic
def request_changes(page: Page, *, by, comment: str, names_confirmed: bool = False) -> Page:
    if not by.is_staff:
        raise PermissionDenied
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Dites au rédacteur ce qu'il faut reprendre."))
    errors = review_note_errors(comment, names_confirmed=names_confirmed)
    if errors:
        raise ValidationError({"comment": errors})
    locked = _locked(page)
    if not locked.in_review:
        # Already answered (a second click): nothing is sent twice.
        raise ValidationError(_("Ce brouillon n'est plus en relecture."), code="not_in_review")
    locked.in_review = False
    locked.review_revision = None
    locked.review_note = comment
    locked.save(update_fields=["in_review", "review_revision", "review_note", "updated_at"])
    page.refresh_from_db()
    return page
