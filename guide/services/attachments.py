"""A page's files: checked by content, stored under a generated name, their
name checked like any text of the guide; removed files are deleted, or only
detached when a version of the page uses them."""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.team_data import identity_error

from ..models import Attachment, Page
from ..models.attachments import ALLOWED_TYPES, MAX_SIZE


def upload_name(uploaded_file) -> str:
    return (getattr(uploaded_file, "name", "") or "fichier").rsplit("/", 1)[-1][:200]


def check_upload(uploaded_file) -> str:
    """The MIME type read from the file's content; a French ValidationError
    otherwise (also for a name that could identify a patient: the name is
    shown as the file's label)."""
    if uploaded_file.size > MAX_SIZE:
        raise ValidationError(
            _("Ce fichier pèse plus de 20 Mo : réduisez-le ou découpez-le."), code="too_big"
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    # A file name is not prose: a possible name in it is not asked about.
    error = identity_error(upload_name(uploaded_file), names_confirmed=True)
    if error is not None:
        raise ValidationError(
            _("Renommez le fichier : %(reason)s") % {"reason": error.messages[0]},
            code="identity_marker",
        )
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
    """Store a checked file with a generated name; raise ValidationError
    (nothing stored). Readers get it from the page's next publication."""
    mime = check_upload(uploaded_file)
    attachment = Attachment(
        page=page,
        original_name=upload_name(uploaded_file),
        mime_type=mime,
        size=uploaded_file.size,
        uploaded_by=by,
    )
    attachment.names_confirmed = True
    attachment.full_clean(exclude=["file"])
    attachment.file.save(attachment.original_name, uploaded_file, save=False)
    attachment.save()
    return attachment


def remove_attachment(attachment: Attachment, *, by) -> str:
    """Delete an attachment no revision uses; detach it otherwise (no longer
    served to readers: 410). Returns "deleted" or "detached"."""
    if attachment.is_used_by_revisions():
        attachment.detached_at = timezone.now()
        attachment.save(update_fields=["detached_at"])
        return "detached"
    attachment.file.delete(save=False)
    attachment.delete()
    return "deleted"
