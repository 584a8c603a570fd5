"""What the confirmations of the guide's irreversible or heavy actions say
(gecolib.confirmations): the context of the dialog (forms/_confirm_dialog.html,
on the editing and files pages) and of the page that confirms without
JavaScript (forms/confirm_page.html)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.confirmations import confirmation

from ..models import Attachment, Page


def unpublish_confirmation(page: Page) -> dict:
    """Taking a page offline (editing page)."""
    return confirmation(
        dialog_id="confirmer-depublier",
        title=_("Dépublier « %(title)s » ?") % {"title": page.title},
        body_template="guide/_confirm_unpublish.html",
        action=reverse("guide:page_unpublish", args=[page.slug]),
        confirm_label=_("Dépublier la page"),
        cancel_url=reverse("guide:page_edit", args=[page.slug]),
        page_obj=page,
    )


def archive_confirmation(page: Page) -> dict:
    """Archiving a page (editing page)."""
    return confirmation(
        dialog_id="confirmer-archiver",
        title=_("Archiver « %(title)s » ?") % {"title": page.title},
        body_template="guide/_confirm_archive.html",
        action=reverse("guide:page_archive", args=[page.slug]),
        confirm_label=_("Archiver la page"),
        cancel_url=reverse("guide:page_edit", args=[page.slug]),
        page_obj=page,
    )


def attachment_remove_confirmation(page: Page, item: Attachment, *, used: bool) -> dict:
    """Removing a file: deleted for good when no version of the page uses it,
    only taken off the list otherwise (`used`)."""
    return confirmation(
        dialog_id=f"confirmer-retirer-{item.pk}",
        title=_("Retirer le fichier « %(name)s » ?") % {"name": item.original_name},
        body_template="guide/_confirm_attachment_remove.html",
        action=reverse("guide:attachment_delete", args=[page.slug, item.pk]),
        confirm_label=_("Supprimer le fichier") if not used else _("Retirer le fichier"),
        cancel_url=reverse("guide:page_attachments", args=[page.slug]),
        page_obj=page,
        item=item,
        used=used,
    )
