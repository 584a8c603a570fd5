"""A page's files: checked by content, stored under a generated name, their
name checked like any text of the guide; removed files are deleted, or only
detached when a version of the page uses them."""

from __future__ import annotations

import datetime
import io
import warnings

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from gecolib.team_data import identity_error

from ..models import Attachment, Page
from ..models.attachments import ALLOWED_TYPES, IMAGE_TYPES, MAX_SIZE

# An image is shown in a column of text: wider is only heavier.
IMAGE_WIDTH = 1600
THUMBNAIL_WIDTH = 320
# 50 megapixels: a photo of a phone; beyond, refused (decompression bombs).
MAX_PIXELS = 50_000_000
PENDING_HOURS = 24


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


def _resized(image: Image.Image, width: int, mime: str) -> ContentFile:
    copy = image.copy()
    if copy.width > width:
        copy.thumbnail((width, round(copy.height * width / copy.width) or 1))
    out = io.BytesIO()
    if mime == "image/jpeg":
        copy.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        copy.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue())


def prepare_image(uploaded_file, mime: str) -> tuple[ContentFile, ContentFile]:
    """The image at most IMAGE_WIDTH wide, and its thumbnail; re-encoded, so
    the metadata of the camera (place, date, device) are not kept. A French
    ValidationError for an image that cannot be read or is too large."""
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded_file)
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("Cette image est trop grande (plus de 50 millions de pixels)."),
                    code="image_too_large",
                )
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("Cette image ne peut pas être lue : enregistrez-la de nouveau en PNG ou en JPEG."),
            code="bad_image",
        ) from error
    finally:
        uploaded_file.seek(0)
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    return _resized(image, IMAGE_WIDTH, mime), _resized(image, THUMBNAIL_WIDTH, mime)


@transaction.atomic
def attach(page: Page | None, uploaded_file, *, by, draft_key: str = "") -> Attachment:
    """Store a checked file with a generated name (an image resized, with its
    thumbnail); raise ValidationError (nothing stored). Readers get it from
    the page's next publication. Without a page, the file is pending for the
    editor's page not yet saved (`draft_key`)."""
    mime = check_upload(uploaded_file)
    attachment = Attachment(
        page=page,
        draft_key="" if page is not None else draft_key,
        original_name=upload_name(uploaded_file),
        mime_type=mime,
        size=uploaded_file.size,
        uploaded_by=by,
    )
    attachment.names_confirmed = True
    attachment.full_clean(exclude=["file", "thumbnail"])
    if mime in IMAGE_TYPES:
        image, thumbnail = prepare_image(uploaded_file, mime)
        attachment.size = image.size
        attachment.file.save(attachment.original_name, image, save=False)
        attachment.thumbnail.save(attachment.original_name, thumbnail, save=False)
    else:
        attachment.file.save(attachment.original_name, uploaded_file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def copy_attachment(
    source: Attachment, page: Page | None, *, by, draft_key: str = ""
) -> Attachment:
    """A file of the guide's library picked for another page (or a page not
    yet saved): a copy of its own, that follows that page's audience and
    publication. A file of the same page is returned as it is."""
    if page is not None and source.page_id == page.pk and source.detached_at is None:
        return source
    if page is None and source.page_id is None and source.draft_key == draft_key:
        return source
    copy = Attachment(
        page=page,
        draft_key="" if page is not None else draft_key,
        original_name=source.original_name,
        mime_type=source.mime_type,
        size=source.size,
        uploaded_by=by,
    )
    copy.names_confirmed = True
    with source.file.open("rb") as stream:
        copy.file.save(source.original_name, ContentFile(stream.read()), save=False)
    if source.thumbnail:
        with source.thumbnail.open("rb") as stream:
            copy.thumbnail.save(source.original_name, ContentFile(stream.read()), save=False)
    copy.save()
    return copy


def purge_pending(now=None) -> int:
    """Delete the files dropped for pages never saved (or saved without
    them) more than PENDING_HOURS ago, and their stored files."""
    limit = (now or timezone.now()) - datetime.timedelta(hours=PENDING_HOURS)
    stale = list(Attachment.objects.pending().filter(created_at__lt=limit))
    for item in stale:
        item.file.delete(save=False)
        if item.thumbnail:
            item.thumbnail.delete(save=False)
        item.delete()
    return len(stale)


def remove_attachment(attachment: Attachment, *, by) -> str:
    """Delete an attachment no revision uses; detach it otherwise (no longer
    served to readers: 410). Returns "deleted" or "detached"."""
    if attachment.is_used_by_revisions():
        attachment.detached_at = timezone.now()
        attachment.save(update_fields=["detached_at"])
        return "detached"
    attachment.file.delete(save=False)
    if attachment.thumbnail:
        attachment.thumbnail.delete(save=False)
    attachment.delete()
    return "deleted"
