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


# -- the tree: order and parent of many pages at once ------------------------------------

STALE_TREE = _("Les pages ont changé depuis l'affichage de la liste : rechargez-la et recommencez.")


def _final_parents(order: list[tuple[int, int | None]]) -> dict[int, int | None]:
    """Every page's parent once `order` applies; a French error for a page
    that no longer exists, an archived parent or a page under itself."""
    wanted = dict(order)
    if len(wanted) != len(order):
        raise ValidationError(STALE_TREE, code="stale_tree")
    current = dict(Page.objects.values_list("pk", "parent_id"))
    archived = set(Page.objects.filter(archived_at__isnull=False).values_list("pk", flat=True))
    if any(pk not in current or pk in archived for pk in wanted):
        raise ValidationError(STALE_TREE, code="stale_tree")
    parents = current | wanted
    for pk, parent in wanted.items():
        if parent is not None and (parent not in current or parent in archived):
            raise ValidationError(STALE_TREE, code="stale_tree")
        seen, node = {pk}, parent
        while node is not None:
            if node in seen:
                raise ValidationError(
                    _(
                        "Une page ne peut pas être rangée sous elle-même ni sous une de ses "
                        "sous-pages."
                    ),
                    code="parent_cycle",
                )
            seen.add(node)
            node = parents.get(node)
    return parents


def _renumber(parent_id: int | None, wanted: list[int]) -> None:
    """Positions 0…n-1 under `parent_id`: the pages of `wanted` (already under
    it) take, in that order, the places they hold among their siblings; pages
    not listed (archived, on another page of the list) keep theirs."""
    siblings = list(
        Page.objects.select_for_update()
        .filter(parent_id=parent_id)
        .order_by("position", "title", "pk")
        .values_list("pk", flat=True)
    )
    listed = set(wanted)
    queue = iter([pk for pk in wanted if pk in set(siblings)])
    _renumber_all(parent_id, [next(queue) if pk in listed else pk for pk in siblings])


@transaction.atomic
def reorder(order: list[tuple[int, int | None]], *, by) -> list[Page]:
    """Apply the tree as an editor left it: `order` lists (page, parent) in
    the tree's order. Staff change parents at once, rédacteurs too for pages
    never published; a rédacteur's new parent for a page online is proposed
    with its draft (the page keeps its place until a reviewer publishes it).
    Returns the pages whose move was proposed."""
    parents = _final_parents(order)
    pages = Page.objects.select_for_update().in_bulk([pk for pk, _parent in order])
    proposed, touched = [], set()
    for pk, parent_id in order:
        page = pages[pk]
        if parent_id == page.parent_id:
            continue
        if moves_at_once(page, by):
            touched.add(page.parent_id)
            page.parent_id = parent_id
            page.save(update_fields=["parent", "updated_at"])
            PageMove.objects.filter(page=page).delete()
        else:
            pending = PageMove.objects.filter(page=page).first()
            slug = pending.slug if pending is not None else page.slug
            parent = Page.objects.get(pk=parent_id) if parent_id is not None else None
            propose_move(page, slug=slug, parent=parent, by=by)
            proposed.append(page)
    groups: dict[int | None, list[int]] = {}
    for pk, _parent in order:
        page = pages[pk]
        if page.parent_id == parents[pk]:
            groups.setdefault(page.parent_id, []).append(pk)
    for parent_id in touched | set(groups):
        _renumber(parent_id, groups.get(parent_id, []))
    return proposed


@transaction.atomic
def place(page: Page, *, parent: Page | None, position: int, by) -> bool:
    """Put `page` under `parent` at `position` (1 = first) in one step: the
    keyboard's way of the tree's drag and drop. Returns False when the new
    parent was only proposed (rédacteur, page online: see `reorder`)."""
    parent_id = parent.pk if parent is not None else None
    if parent_id != page.parent_id and not moves_at_once(page, by):
        pending = PageMove.objects.filter(page=page).first()
        slug = pending.slug if pending is not None else page.slug
        propose_move(page, slug=slug, parent=parent, by=by)
        return False
    _final_parents([(page.pk, parent_id)])
    old_parent = page.parent_id
    if parent_id != old_parent:
        page.parent_id = parent_id
        page.save(update_fields=["parent", "updated_at"])
        PageMove.objects.filter(page=page).delete()
        _renumber(old_parent, [])
    siblings = list(
        Page.objects.filter(parent_id=parent_id)
        .exclude(pk=page.pk)
        .order_by("position", "title", "pk")
        .values_list("pk", flat=True)
    )
    index = max(0, min(position - 1, len(siblings)))
    siblings.insert(index, page.pk)
    _renumber_all(parent_id, siblings)
    return True


def _renumber_all(parent_id: int | None, ordered: list[int]) -> None:
    """Positions 0…n-1 in the order given (every page under `parent_id`)."""
    current = dict(Page.objects.filter(parent_id=parent_id).values_list("pk", "position"))
    changed = [
        Page(pk=pk, position=position)
        for position, pk in enumerate(ordered)
        if current.get(pk) != position
    ]
    Page.objects.bulk_update(changed, ["position"])
