"""What the confirmations of the coordination protocols' irreversible actions
say: the context of the dialog (forms/_confirm_dialog.html, on the protocol's
page) and of the page that confirms without JavaScript
(forms/confirm_page.html)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.confirmations import confirmation

from ..models import Protocol


def archive_confirmation(protocol: Protocol) -> dict:
    """Moving a coordination protocol to « archivé »."""
    return confirmation(
        dialog_id="confirmer-archiver",
        title=_("Archiver le protocole « %(title)s » ?") % {"title": protocol.title},
        body_template="protocols/coordination/_confirm_archive.html",
        action=reverse("protocols:protocol_transition", args=[protocol.pk, "archive"]),
        confirm_label=_("Archiver le protocole"),
        cancel_url=protocol.get_absolute_url(),
        protocol=protocol,
    )
