"""Suggestions from the network: stored once checked like any text of the
guide, acknowledged at once (« reçue »), then decided by an editor — taken
into a draft (retenue) or not (non retenue) — and the answer e-mailed to the
person who suggested.

A suggestion about a page may carry the page's text as the person proposes
to change it (`proposed_body`, against the version they read,
`base_revision`): editors read it as a diff, and taking it makes a draft
revision of the page — never a section pasted into the text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.diff import diff_fields

from .. import notifications
from ..enums import SuggestionStatus
from ..models import Page, Suggestion
from .attachments import attach, upload_name
from .checks import content_errors
from .pages import create_page, save_revision

# Set by the code, not typed (an account deleted since leaves no author).
NOT_TYPED = ["file", "author", "page", "answered_by", "draft_page", "base_revision"]


def proposed_body_errors(
    page: Page, proposed_body: str, *, names_confirmed: bool = False
) -> list[ValidationError]:
    """The identity rule on a proposed text, as on a page's: the names the
    page online already cites need no confirmation."""
    errors = content_errors(
        {"body": proposed_body},
        names_confirmed=names_confirmed,
        previous={"body": page.body},
    )
    return errors.get("body", [])


@transaction.atomic
def create_suggestion(
    *,
    page: Page | None,
    title: str,
    text: str,
    author,
    proposed_body: str = "",
    upload=None,
    mime_type: str = "",
    names_confirmed: bool = False,
) -> Suggestion:
    """Raises ValidationError (field → messages; nothing stored) for text
    that could identify a patient. A proposed text identical to the page
    online is no proposal (the message alone is kept)."""
    proposed_body = (proposed_body or "").replace("\r\n", "\n")
    if page is None or proposed_body.strip() == page.body.strip():
        proposed_body = ""
    suggestion = Suggestion(
        page=page,
        title=title,
        text=text,
        author=author,
        proposed_body=proposed_body,
        base_revision=page.live_revision if page is not None and proposed_body else None,
    )
    suggestion.names_confirmed = names_confirmed
    if upload:
        suggestion.mime_type = mime_type
        suggestion.original_name = upload_name(upload)
    errors = {}
    try:
        suggestion.full_clean(exclude=NOT_TYPED)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if proposed_body:
        body_errors = proposed_body_errors(page, proposed_body, names_confirmed=names_confirmed)
        if body_errors:
            errors["proposed_body"] = body_errors
    if errors:
        raise ValidationError(errors)
    if upload:
        suggestion.file.save(upload.name, upload, save=False)
    suggestion.save()
    notifications.suggestion_received(suggestion)
    notifications.suggestion_acknowledged(suggestion)
    return suggestion


def proposed_diff(suggestion: Suggestion):
    """The proposed change as editors read it: the text the person read
    (the version they changed) against the text they propose."""
    base = suggestion.base_revision
    old = base.body if base is not None else suggestion.page.body
    return diff_fields([("body", _("Texte"), old, suggestion.proposed_body)])


@transaction.atomic
def answer_suggestion(
    suggestion: Suggestion, status: str, answer: str, *, by, names_confirmed: bool = False
) -> Suggestion:
    """Record the editor's decision and e-mail it to the person who
    suggested (when they may still read the suggestion: guide.notifications).
    A suggestion already answered is not answered twice."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.NEW:
        raise ValidationError(_("Cette suggestion a déjà reçu une réponse."), code="answered")
    suggestion.status = status
    suggestion.answer = answer
    suggestion.answered_by = by
    suggestion.answered_at = timezone.now()
    suggestion.names_confirmed = names_confirmed
    suggestion.full_clean(exclude=NOT_TYPED)
    suggestion.save()
    notifications.suggestion_answered(suggestion)
    return suggestion


@transaction.atomic
def take_into_draft(suggestion: Suggestion, *, by, answer: str = "") -> Page:
    """The editor retains the suggestion: its proposed text becomes a draft
    revision of its page (the version online does not change), or a new
    sheet becomes a draft page; its file is attached. A suggestion with a
    message only has no text to take (the editor writes the change).

    Raises ValidationError when the page's text changed since the person
    read it: their change is then taken by hand, from the diff."""
    author = suggestion.author.display_name if suggestion.author else _("un membre du réseau")
    comment = _("D'après la suggestion de %(name)s") % {"name": author}
    page = suggestion.page
    if page is not None:
        if not suggestion.proposes_text:
            raise ValidationError(
                _(
                    "Cette suggestion ne propose pas de texte : modifiez la page à partir de "
                    "son message, puis répondez."
                )
            )
        content = page.draft_content()
        read = suggestion.base_revision.body if suggestion.base_revision else page.body
        if content["body"].strip() != read.strip():
            raise ValidationError(
                _(
                    "Le texte de la page a changé depuis la suggestion : reprenez la "
                    "modification proposée à la main, à partir des différences affichées."
                ),
                code="changed",
            )
        base = page.latest_revision.number if page.latest_revision else None
        # The proposed text was checked when it was sent; its names were confirmed then.
        save_revision(
            page,
            content | {"body": suggestion.proposed_body},
            by=by,
            base_revision=base,
            comment=comment,
            names_confirmed=True,
        )
    else:
        page = create_page(
            title=suggestion.title,
            body=suggestion.text,
            by=by,
            comment=comment,
            names_confirmed=True,
        )
    if suggestion.file:
        with suggestion.file.open("rb") as handle:
            copy = ContentFile(handle.read(), name=suggestion.original_name or "fichier")
        attach(page, copy, by=by)
    suggestion.draft_page = page
    answer_suggestion(
        suggestion,
        SuggestionStatus.ACCEPTED,
        answer
        or _(
            "Merci : votre proposition est reprise dans un brouillon de la page « %(title)s », "
            "qui sera publié après relecture."
        )
        % {"title": page.title},
        by=by,
        names_confirmed=True,
    )
    return page
