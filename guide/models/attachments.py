"""Files attached to guide pages, served through a view that applies the page's
audience and version: readers get the files of the version online — those on
the page when it was last published (`live_since`), not removed since. A file
added for a draft or a scheduled version appears at its publication; a removed
file is no longer served (410). Editors get every file of the pages they edit.

A file dropped in the editor's media chooser for a page not yet saved is
pending (`page` empty, `draft_key` the editor's form): the revision that
first uses it (`![légende](fichier:12)`) attaches it to its page; pending
files left unused are purged (guide.tasks.purge_pending_uploads)."""

from __future__ import annotations

import re
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

from .editors import is_guide_editor
from .pages import Page, PageRevision

# Accepted types, recognised from the file's content (never from its name).
ALLOWED_TYPES = {
    "application/pdf": ("pdf", _("PDF")),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", _("Word")),
    "application/vnd.oasis.opendocument.text": ("odt", _("Texte OpenDocument")),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", _("Excel")),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods", _("Classeur OpenDocument")),
    "image/png": ("png", _("Image PNG")),
    "image/jpeg": ("jpg", _("Image JPEG")),
}
IMAGE_TYPES = {"image/png", "image/jpeg"}
MAX_SIZE = 20 * 1024 * 1024
REFERENCE = re.compile(r"\]\(fichier:(\d+)\)")


def attachment_path(instance: Attachment, filename: str) -> str:
    """A generated name: nothing of the uploaded name reaches the disk."""
    extension = ALLOWED_TYPES.get(instance.mime_type, ("bin", ""))[0]
    return str(PurePosixPath("guide", f"{uuid.uuid4().hex}.{extension}"))


def thumbnail_path(instance: Attachment, filename: str) -> str:
    extension = ALLOWED_TYPES.get(instance.mime_type, ("bin", ""))[0]
    return str(PurePosixPath("guide", "vignettes", f"{uuid.uuid4().hex}.{extension}"))


class AttachmentQuerySet(models.QuerySet):
    def attached(self):
        return self.filter(detached_at__isnull=True)

    def pending(self):
        """Dropped for a page not yet saved."""
        return self.filter(page__isnull=True)

    def library(self):
        """The guide's files an editor may pick again: those of the pages not
        archived, still on their page."""
        return self.attached().filter(page__isnull=False, page__archived_at__isnull=True)

    def published(self):
        """The files of the pages' versions online: on the page at its last
        publication and not removed since."""
        return self.attached().filter(live_since__isnull=False)

    def visible_to(self, user):
        """Editors: every file (drafts' and removed ones', for the history);
        readers: the published files of the pages they may read."""
        if is_guide_editor(user):
            return self.all()
        return self.published().filter(page__in=Page.objects.visible_to(user))


class Attachment(TeamDataChecks, models.Model):
    page = models.ForeignKey(
        Page,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="attachments",
        null=True,
        blank=True,
        help_text=_("Vide : déposé pour une page pas encore enregistrée."),
    )
    draft_key = models.CharField(
        _("page en cours d'écriture"), max_length=64, blank=True, db_index=True
    )
    file = models.FileField(_("fichier"), upload_to=attachment_path, max_length=200)
    thumbnail = models.FileField(
        _("vignette"), upload_to=thumbnail_path, max_length=200, blank=True
    )
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), default=timezone.now)
    detached_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    live_since = models.DateTimeField(
        _("en ligne depuis le"),
        null=True,
        blank=True,
        help_text=_("Vide : le fichier sera en ligne à la prochaine publication de la page."),
    )

    objects = AttachmentQuerySet.as_manager()

    # Read from the file's content, or generated: never typed.
    team_data_exempt = ("mime_type", "draft_key")

    class Meta:
        ordering = ["original_name", "pk"]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False) | ~models.Q(draft_key=""),
                name="guide_attachment_page_or_draft",
                violation_error_message=_("Un fichier appartient à une page ou à un brouillon."),
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        if self.page is None:
            return reverse("guide:media_file", args=[self.pk])
        return reverse("guide:attachment", args=[self.page.slug, self.pk])

    @property
    def type_label(self) -> str:
        return str(ALLOWED_TYPES.get(self.mime_type, ("", self.mime_type))[1])

    @property
    def is_image(self) -> bool:
        return self.mime_type in IMAGE_TYPES

    @property
    def is_published(self) -> bool:
        return self.live_since is not None and self.detached_at is None

    @property
    def reference(self) -> str:
        """How a page body points to it: `fichier:<id>`."""
        return f"fichier:{self.pk}"

    def is_used_by_revisions(self) -> bool:
        """True when any revision of its page mentions it (then it is only detached)."""
        if self.page is None:
            return False
        return any(
            self.reference in (revision.content.get("body") or "")
            for revision in self.page.revisions.only("content")
        )


@receiver(post_save, sender=PageRevision, dispatch_uid="guide_attach_pending_uploads")
def _attach_pending_uploads(sender, instance: PageRevision, created=False, raw=False, **kwargs):
    """A saved version that uses files its author dropped for a page not yet
    saved (the media chooser) takes them to its page."""
    if raw or not created or instance.author_id is None:
        return
    ids = {int(pk) for pk in REFERENCE.findall(instance.content.get("body") or "")}
    if ids:
        Attachment.objects.pending().filter(pk__in=ids, uploaded_by=instance.author_id).update(
            page=instance.page_id, draft_key=""
        )
