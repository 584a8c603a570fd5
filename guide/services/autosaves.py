"""An editor's unsaved text, kept while they write (guide.models.autosaves).

The browser sends the editing form every `AUTOSAVE_SECONDS` while it changes,
and once more when the editor leaves the page (tab closed, another page);
reopening the page offers that text back, with what it changes. The autosave
is private and temporary: possible names are not asked about (the editor
confirms them when the text is saved as a version), but a text carrying a
patient identifier (NIR, birth date, phone, e-mail, patient number) is not
kept — the previous autosave stays, and the editor is told why."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Page, PageAutosave
from .checks import content_errors
from .pages import normalise_content

# The browser's interval between two autosaves of a changing form (seconds).
AUTOSAVE_SECONDS = 20


def autosave(page: Page, user, content: dict, *, base_revision: int | None) -> PageAutosave:
    """Keep `content` as `user`'s unsaved text of `page` (2 queries: an
    update, or an update then an insert the first time). Raises
    ValidationError, keeping nothing, for a patient identifier."""
    content = normalise_content(content)
    errors = content_errors(content, names_confirmed=True)
    if errors:
        raise ValidationError(
            _(
                "Sauvegarde automatique suspendue : le texte contient une donnée qui pourrait "
                "identifier un patient (%(fields)s). Retirez-la pour que la sauvegarde reprenne."
            )
            % {"fields": ", ".join(sorted(errors))},
            code="identity",
        )
    now = timezone.now()
    values = {"content": content, "base_revision": base_revision, "saved_at": now}
    mine = PageAutosave.objects.filter(page=page, user=user)
    if not mine.update(**values):
        return PageAutosave.objects.create(page=page, user=user, **values)
    return PageAutosave(page=page, user=user, **values)


def unsaved_text(page: Page, user) -> PageAutosave | None:
    """`user`'s autosave of `page` when it differs from the text the page
    would show them now (else it is deleted: nothing to offer)."""
    kept = PageAutosave.objects.visible_to(user).filter(page=page).first()
    if kept is None:
        return None
    if normalise_content(kept.content) == normalise_content(page.draft_content()):
        kept.delete()
        return None
    return kept


def discard_autosave(page: Page, user) -> None:
    """The editor's autosave of the page is gone (saved, or thrown away)."""
    PageAutosave.objects.filter(page=page, user=user).delete()


def purge_stale_autosaves() -> int:
    """Delete the autosaves nobody came back for (guide.models.autosaves.AUTOSAVE_DAYS)."""
    deleted, _counts = PageAutosave.objects.stale().delete()
    return deleted
