"""A page's address (slug) and parent.

Staff move a page at once; so does a rédacteur on a page never published
(no one but editors reads it). A rédacteur's change of address or parent of a
page online goes through review like its text: it is stored with the draft
(`PageMove`) and applied when a reviewer publishes that draft or a later one.
The old address keeps answering with a permanent redirect."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gecolib import revisions

from ..models import Page, PageMove, PageRevision, SlugRedirect


def moves_at_once(page: Page, by) -> bool:
    """Whether `by`'s change of address or parent applies without review."""
    return bool(by is not None and by.is_staff) or not page.is_live


@transaction.atomic
def change_slug(page: Page, new_slug: str) -> None:
    """Rename the address; the old one keeps answering with a permanent redirect."""
    old = page.slug
    if new_slug == old:
        return
    SlugRedirect.objects.filter(old_slug=new_slug).delete()
    SlugRedirect.objects.update_or_create(old_slug=old, defaults={"page": page})
    page.slug = new_slug
    page.save(update_fields=["slug", "updated_at"])


def _check_parent(page: Page, parent: Page | None) -> None:
    if parent is None:
        return
    if parent.pk == page.pk or parent.pk in page.descendant_ids():
        raise ValidationError(
            _("Une page ne peut pas être rangée sous elle-même ni sous une de ses sous-pages."),
            code="parent_cycle",
        )
    if parent.is_archived:
        raise ValidationError(
            _("La page parente « %(title)s » est archivée : choisissez-en une autre.")
            % {"title": parent.title},
            code="parent_archived",
        )


@transaction.atomic
def move_page(page: Page, *, slug: str, parent: Page | None) -> None:
    """Apply a new address and parent now (a proposal waiting is superseded)."""
    _check_parent(page, parent)
    if slug != page.slug:
        if Page.objects.exclude(pk=page.pk).filter(slug=slug).exists():
            raise ValidationError(
                _("L'adresse « %(slug)s » est déjà celle d'une autre page.") % {"slug": slug},
                code="slug_taken",
            )
        change_slug(page, slug)
    if parent != page.parent:
        page.position = Page.objects.filter(parent=parent).count()
        page.parent = parent
        page.save(update_fields=["parent", "position", "updated_at"])
    PageMove.objects.filter(page=page).delete()


@transaction.atomic
def propose_move(page: Page, *, slug: str, parent: Page | None, by) -> PageMove:
    """Store a rédacteur's new address or parent with the page's draft (one is
    saved from the text online when there is none, so that there is something
    to send for review); a reviewer's publication applies it."""
    _check_parent(page, parent)
    draft = page.latest_revision
    if draft is None or draft.pk == page.live_revision_id:
        draft = revisions.save_revision(
            page.revisions,
            page.draft_content(),
            by=by,
            comment=_("Nouvelle adresse ou page parente proposée"),
        )
        page.latest_revision = draft
        page.save(update_fields=["latest_revision", "updated_at"])
    move, _created = PageMove.objects.update_or_create(
        page=page,
        defaults={"slug": slug, "parent": parent, "revision": draft, "requested_by": by},
    )
    return move


def withdraw_move(page: Page) -> None:
    """The rédacteur put the address and parent back as they are online."""
    PageMove.objects.filter(page=page).delete()


def apply_pending_move(page: Page, revision: PageRevision) -> None:
    """At publication: the move proposed with `revision` or an earlier draft
    is applied (refused with a French error if its address was taken or its
    parent archived meanwhile: the publication does not happen)."""
    move = PageMove.objects.select_related("revision", "parent").filter(page=page).first()
    if move is None or move.revision.number > revision.number:
        return
    move_page(page, slug=move.slug, parent=move.parent)
