"""State changes of guide pages: drafts, publication, scheduling, archiving,
restoring. Views and commands call these, never the fields."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gecolib import revisions
from gecolib.team_data import validate_date_in_range

from ..enums import Audience, PageKind, Theme
from ..models import Page, PageMove, PageRevision, SlugRedirect
from ..models.pages import CONTENT_KEYS
from .checks import check_content
from .moves import apply_pending_move

logger = logging.getLogger(__name__)

# Addresses the guide's own pages use (guide/urls.py, former ones included):
# no page may take them, whether typed in the form or made from a title.
RESERVED_SLUGS = frozenset(
    {
        "search",
        "recherche",
        "autocomplete",
        "import",
        "importer",
        "nouvelle-page",
        "a-relire",
        "suggestions",
        "proposer",
        "redacteurs",
        "pages",
        "sitemap-xml",
        "synonymes",
        "mediatheque",
        "liens-casses",
    }
)


class ConcurrentEditError(ValidationError):
    """Someone saved a newer revision since the editor opened the page."""

    def __init__(self, latest: PageRevision):
        super().__init__(
            _(
                "Quelqu'un a enregistré la version %(number)s de cette page pendant que vous "
                "écriviez. Votre texte n'est pas perdu : comparez-le ci-dessous, puis enregistrez "
                "de nouveau."
            )
            % {"number": latest.number},
            code="concurrent",
        )
        self.latest = latest


def normalise_content(content: dict[str, Any]) -> dict[str, Any]:
    """The six content keys, cleaned: known kind, themes and audience only."""
    themes = [code for code in content.get("themes") or () if code in Theme.values]
    kind = content.get("kind") or PageKind.PAGE
    audience = content.get("audience") or Audience.PUBLIC
    return {
        "title": (content.get("title") or "").strip(),
        "summary": (content.get("summary") or "").strip(),
        "body": (content.get("body") or "").replace("\r\n", "\n"),
        "kind": kind if kind in PageKind.values else PageKind.PAGE,
        "themes": sorted(set(themes), key=Theme.values.index),
        "audience": audience if audience in Audience.values else Audience.PUBLIC,
    }


def slug_taken(slug: str, *, exclude_pk: int | None = None) -> bool:
    """Another page's address, a former one, one proposed for another page,
    or one of the guide's own (RESERVED_SLUGS)."""
    return (
        slug in RESERVED_SLUGS
        or Page.objects.exclude(pk=exclude_pk).filter(slug=slug).exists()
        or SlugRedirect.objects.filter(old_slug=slug).exists()
        or PageMove.objects.exclude(page_id=exclude_pk).filter(slug=slug).exists()
    )


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A free address made from the title (see `slug_taken`)."""
    base = slugify(title)[:100] or "page"
    slug, n = base, 2
    while slug_taken(slug, exclude_pk=exclude_pk):
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_page(
    *,
    title: str,
    body: str,
    by,
    parent: Page | None = None,
    summary: str = "",
    kind: str = PageKind.PAGE,
    themes=(),
    audience: str = Audience.PUBLIC,
    comment: str = "",
    slug: str = "",
    names_confirmed: bool = False,
) -> Page:
    """A new page as a draft (not live): its first revision holds the text.
    Raises ValidationError (nothing saved) for text that could identify a
    patient (guide.services.checks)."""
    content = normalise_content(
        {
            "title": title,
            "summary": summary,
            "body": body,
            "kind": kind,
            "themes": list(themes),
            "audience": audience,
        }
    )
    check_content(content, comment=comment, names_confirmed=names_confirmed)
    position = Page.objects.filter(parent=parent).count()
    page = Page.objects.create(
        title=content["title"],
        slug=slug or unique_slug(content["title"]),
        kind=content["kind"],
        themes=content["themes"],
        audience=content["audience"],
        summary=content["summary"],
        parent=parent,
        position=position,
    )
    revision = revisions.save_revision(
        page.revisions, content, by=by, comment=comment or _("Création de la page")
    )
    page.latest_revision = revision
    page.save(update_fields=["latest_revision", "updated_at"])
    return page


def _locked(page: Page) -> Page:
    return Page.objects.select_for_update().get(pk=page.pk)


@transaction.atomic
def save_revision(
    page: Page,
    content: dict,
    *,
    by,
    comment: str = "",
    base_revision: int | None,
    names_confirmed: bool = False,
) -> PageRevision:
    """Record a new revision of the page, as a draft: the live page does not
    change (publishing is `publish`).

    `base_revision` is the number the editor started from: if a newer revision
    was saved meanwhile, `ConcurrentEditError` is raised and nothing is saved.
    Text that could identify a patient raises ValidationError; the names the
    previous version already cited need no new confirmation."""
    locked = _locked(page)
    latest = locked.latest_revision
    if latest is not None and base_revision != latest.number:
        raise ConcurrentEditError(latest)
    content = normalise_content(content)
    previous = latest.content if latest is not None else locked.live_content()
    check_content(content, comment=comment, names_confirmed=names_confirmed, previous=previous)
    revision = revisions.save_revision(page.revisions, content, by=by, comment=comment)
    locked.latest_revision = revision
    if not locked.is_live:
        # A page never published shows its draft title in the editors' lists.
        locked.title = revision.content["title"]
    locked.save(update_fields=["latest_revision", "title", "updated_at"])
    page.refresh_from_db()
    return revision


def _make_live(page: Page, revision: PageRevision) -> None:
    """The revision goes online, with the files now on the page (those added
    for this draft or schedule appear now) and the address or parent proposed
    with it."""
    now = timezone.now()
    page.attachments.attached().filter(live_since__isnull=True).update(live_since=now)
    apply_pending_move(page, revision)
    for key in CONTENT_KEYS:
        setattr(page, key, revision.content.get(key, getattr(page, key)))
    page.live_revision = revision
    page.is_live = True
    page.published_at = now
    page.scheduled_at = None
    page.scheduled_revision = None
    page.in_review = False
    page.review_revision = None
    page.review_note = ""
    page.save()


def version_to_publish(page: Page) -> PageRevision | None:
    """The version a publication without a named one concerns: the one sent
    for review while the page is in review, else the latest."""
    if page.in_review and page.review_revision_id:
        return page.review_revision
    return page.latest_revision


def page_revision(page: Page, number) -> PageRevision:
    """The page's version `number` (a ValidationError for a wrong number)."""
    try:
        return page.revisions.get(number=int(number))
    except (TypeError, ValueError, PageRevision.DoesNotExist):
        raise ValidationError(_("Cette version de la page n'existe pas.")) from None


@transaction.atomic
def publish(page: Page, *, by, revision: PageRevision | None = None) -> Page:
    """Make `revision` live (by default `version_to_publish`): a newer draft
    stays a draft."""
    locked = _locked(page)
    if locked.is_archived:
        raise ValidationError(
            _("Une page archivée ne peut pas être publiée : restaurez-la d'abord.")
        )
    revision = revision or version_to_publish(locked)
    if revision is None:
        raise ValidationError(_("Cette page n'a aucune version à publier."))
    if revision.page_id != locked.pk:
        raise ValidationError(_("Cette version de la page n'existe pas."))
    _make_live(locked, revision)
    page.refresh_from_db()
    return page


@transaction.atomic
def unpublish(page: Page, *, by) -> Page:
    """Take the page offline; its text and history stay."""
    locked = _locked(page)
    locked.is_live = False
    locked.scheduled_at = None
    locked.scheduled_revision = None
    locked.save(update_fields=["is_live", "scheduled_at", "scheduled_revision", "updated_at"])
    page.refresh_from_db()
    return page


@transaction.atomic
def schedule(
    page: Page, when: datetime.datetime, *, by, revision: PageRevision | None = None
) -> Page:
    """Publish `revision` (by default `version_to_publish`) at `when` (the beat
    task does it): a draft saved afterwards does not go online with it."""
    validate_date_in_range(when)
    if when <= timezone.now():
        raise ValidationError(_("Choisissez une date et une heure à venir."))
    locked = _locked(page)
    if locked.is_archived:
        raise ValidationError(
            _("Une page archivée ne peut pas être publiée : restaurez-la d'abord.")
        )
    revision = revision or version_to_publish(locked)
    if revision is None:
        raise ValidationError(_("Cette page n'a aucune version à publier."))
    if revision.page_id != locked.pk:
        raise ValidationError(_("Cette version de la page n'existe pas."))
    locked.scheduled_at = when
    locked.scheduled_revision = revision
    locked.save(update_fields=["scheduled_at", "scheduled_revision", "updated_at"])
    page.refresh_from_db()
    return page


def publish_scheduled(now: datetime.datetime | None = None) -> list[Page]:
    """Publish every page whose scheduled time has come; returns them. A page
    that cannot be published (its proposed address was taken meanwhile, say)
    is logged and left for the editors; the others are published."""
    now = now or timezone.now()
    published = []
    due = Page.objects.filter(
        scheduled_at__lte=now, archived_at__isnull=True, scheduled_revision__isnull=False
    )
    for page in due:
        try:
            publish(page, by=None, revision=page.scheduled_revision)
        except ValidationError as error:
            logger.warning("Scheduled publication of page %s refused: %s", page.pk, error.messages)
            continue
        published.append(page)
    return published


@transaction.atomic
def archive(page: Page, *, by) -> Page:
    """Archive: offline for good (410 to visitors), history kept, restorable."""
    locked = _locked(page)
    if locked.children.filter(archived_at__isnull=True).exists():
        raise ValidationError(
            _("Cette page a des sous-pages : déplacez-les ou archivez-les d'abord.")
        )
    locked.archived_at = timezone.now()
    locked.is_live = False
    locked.scheduled_at = None
    locked.scheduled_revision = None
    locked.in_review = False
    locked.review_revision = None
    locked.save()
    page.refresh_from_db()
    return page


@transaction.atomic
def unarchive(page: Page, *, by) -> Page:
    """Bring an archived page back, as an unpublished page."""
    locked = _locked(page)
    locked.archived_at = None
    locked.save(update_fields=["archived_at", "updated_at"])
    page.refresh_from_db()
    return page


@transaction.atomic
def restore(page: Page, revision: PageRevision, *, by) -> PageRevision:
    """Copy an old revision into a new draft revision (the live page is
    unchanged). Its names were confirmed when it was written; a patient
    identifier kept by an old version is not brought back."""
    check_content(revision.content, names_confirmed=True)
    locked = _locked(page)
    new = revisions.restore_revision(page.revisions, revision, by=by)
    locked.latest_revision = new
    locked.save(update_fields=["latest_revision", "updated_at"])
    page.refresh_from_db()
    return new
