"""State changes of guide pages: drafts, publication, scheduling, archiving,
review and attachments. Views and commands call these, never the fields."""

from __future__ import annotations

import datetime
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gecolib import revisions

from .enums import Audience, PageKind, Theme
from .models import Attachment, Page, PageRevision, SlugRedirect
from .models.attachments import ALLOWED_TYPES, MAX_SIZE
from .models.pages import CONTENT_KEYS

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


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A free address from the title: neither another page's, nor a former
    one, nor one of the guide's own addresses (RESERVED_SLUGS)."""
    base = slugify(title)[:100] or "page"
    slug, n = base, 2
    taken = Page.objects.exclude(pk=exclude_pk)
    while (
        slug in RESERVED_SLUGS
        or taken.filter(slug=slug).exists()
        or SlugRedirect.objects.filter(old_slug=slug).exists()
    ):
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
) -> Page:
    """A new page as a draft (not live): its first revision holds the text."""
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
    page: Page, content: dict, *, by, comment: str = "", base_revision: int | None
) -> PageRevision:
    """Record a new revision of the page, as a draft: the live page does not
    change (publishing is `publish`).

    `base_revision` is the number the editor started from: if a newer revision
    was saved meanwhile, `ConcurrentEditError` is raised and nothing is saved."""
    locked = _locked(page)
    latest = locked.latest_revision
    if latest is not None and base_revision != latest.number:
        raise ConcurrentEditError(latest)
    revision = revisions.save_revision(
        page.revisions, normalise_content(content), by=by, comment=comment
    )
    locked.latest_revision = revision
    if not locked.is_live:
        # A page never published shows its draft title in the editors' lists.
        locked.title = revision.content["title"]
    locked.save(update_fields=["latest_revision", "title", "updated_at"])
    page.refresh_from_db()
    return revision


def _make_live(page: Page, revision: PageRevision) -> None:
    for key in CONTENT_KEYS:
        setattr(page, key, revision.content.get(key, getattr(page, key)))
    page.live_revision = revision
    page.is_live = True
    page.published_at = timezone.now()
    page.scheduled_at = None
    page.scheduled_revision = None
    page.in_review = False
    page.review_note = ""
    page.save()


@transaction.atomic
def publish(page: Page, *, by, revision: PageRevision | None = None) -> Page:
    """Make the latest revision (or `revision`) live."""
    locked = _locked(page)
    if locked.is_archived:
        raise ValidationError(
            _("Une page archivée ne peut pas être publiée : restaurez-la d'abord.")
        )
    revision = revision or locked.latest_revision
    if revision is None:
        raise ValidationError(_("Cette page n'a aucune version à publier."))
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
def schedule(page: Page, when: datetime.datetime, *, by) -> Page:
    """Publish the latest revision at `when` (the beat task does it)."""
    if when <= timezone.now():
        raise ValidationError(_("Choisissez une date et une heure à venir."))
    locked = _locked(page)
    if locked.latest_revision is None:
        raise ValidationError(_("Cette page n'a aucune version à publier."))
    locked.scheduled_at = when
    locked.scheduled_revision = locked.latest_revision
    locked.save(update_fields=["scheduled_at", "scheduled_revision", "updated_at"])
    page.refresh_from_db()
    return page


def publish_scheduled(now: datetime.datetime | None = None) -> list[Page]:
    """Publish every page whose scheduled time has come; returns them."""
    now = now or timezone.now()
    published = []
    due = Page.objects.filter(
        scheduled_at__lte=now, archived_at__isnull=True, scheduled_revision__isnull=False
    )
    for page in due:
        publish(page, by=None, revision=page.scheduled_revision)
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
    """Copy an old revision into a new draft revision (the live page is unchanged)."""
    locked = _locked(page)
    new = revisions.restore_revision(page.revisions, revision, by=by)
    locked.latest_revision = new
    locked.save(update_fields=["latest_revision", "updated_at"])
    page.refresh_from_db()
    return new


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


# -- review --------------------------------------------------------------------------


@transaction.atomic
def submit_for_review(page: Page, *, by) -> Page:
    if not page.has_draft:
        raise ValidationError(_("Il n'y a pas de brouillon à faire relire."))
    locked = _locked(page)
    locked.in_review = True
    locked.review_requested_by = by
    locked.review_note = ""
    locked.save(update_fields=["in_review", "review_requested_by", "review_note", "updated_at"])
    page.refresh_from_db()
    return page


@transaction.atomic
def request_changes(page: Page, *, by, comment: str) -> Page:
    if not by.is_staff:
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Dites au rédacteur ce qu'il faut reprendre."))
    locked = _locked(page)
    locked.in_review = False
    locked.review_note = comment.strip()
    locked.save(update_fields=["in_review", "review_note", "updated_at"])
    page.refresh_from_db()
    return page


# -- attachments ----------------------------------------------------------------------


def check_upload(uploaded_file) -> str:
    """The MIME type read from the file's content; a French ValidationError otherwise."""
    if uploaded_file.size > MAX_SIZE:
        raise ValidationError(
            _("Ce fichier pèse plus de 20 Mo : réduisez-le ou découpez-le."), code="too_big"
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(65536)
    uploaded_file.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Ce fichier n'est pas d'un type accepté (PDF, DOCX, ODT, XLSX, ODS, PNG ou JPEG), "
                "d'après son contenu."
            ),
            code="bad_type",
        )
    return mime


@transaction.atomic
def attach(page: Page, uploaded_file, *, by) -> Attachment:
    """Store a checked file with a generated name; raise ValidationError (nothing stored)."""
    mime = check_upload(uploaded_file)
    name = (getattr(uploaded_file, "name", "") or "fichier").rsplit("/", 1)[-1][:200]
    attachment = Attachment(
        page=page,
        original_name=name,
        mime_type=mime,
        size=uploaded_file.size,
        uploaded_by=by,
    )
    attachment.file.save(name, uploaded_file, save=False)
    attachment.save()
    return attachment


def remove_attachment(attachment: Attachment, *, by) -> str:
    """Delete an attachment no revision uses; detach it otherwise. Returns "deleted"
    or "detached"."""
    if attachment.is_used_by_revisions():
        attachment.detached_at = timezone.now()
        attachment.save(update_fields=["detached_at"])
        return "detached"
    attachment.file.delete(save=False)
    attachment.delete()
    return "deleted"
