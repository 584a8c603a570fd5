"""What the confirmations of the RCPs' irreversible actions say: the context
of the dialog (forms/_confirm_dialog.html, on the meeting's page) and of the
page that confirms without JavaScript (forms/confirm_page.html), both built by
gecolib.confirmations."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.confirmations import confirmation

from ..models import AgendaItem, Meeting
from ..recipients import reading_invitees


def invited_count(meeting: Meeting) -> int:
    """The members who receive the meeting's e-mails: its invitees who read
    it now (`recipients.py`), from the prefetched invitees when there are some."""
    return len(reading_invitees(meeting, meeting.invitees.all()))


def cancel_confirmation(meeting: Meeting, *, invited: int, guests: int = 0, form=None) -> dict:
    """Cancelling a meeting: a CANCEL e-mailed to the invited members and
    outside guests once the invitation left (`form`: its one-time token)."""
    return confirmation(
        dialog_id="confirmer-annuler",
        title=_("Annuler la %(named)s ?") % {"named": meeting.named},
        body_template="rcp/_confirm_cancel.html",
        action=reverse("rcp:meeting_cancel", args=[meeting.pk]),
        confirm_label=_("Annuler la RCP"),
        cancel_url=meeting.get_absolute_url(),
        meeting=meeting,
        invited=invited,
        guests=guests,
        form=form,
    )


def minutes_validate_confirmation(meeting: Meeting, *, invited: int, form=None) -> dict:
    """Validating the minutes: frozen, and announced by e-mail with a link
    (`form`: its one-time token)."""
    return confirmation(
        dialog_id="confirmer-valider",
        title=_("Valider et envoyer le compte rendu ?"),
        body_template="rcp/_confirm_minutes_validate.html",
        action=reverse("rcp:minutes_validate", args=[meeting.pk]),
        confirm_label=_("Valider et envoyer le compte rendu"),
        confirm_class="btn-primary",
        cancel_url=meeting.get_absolute_url() + "#compte-rendu",
        meeting=meeting,
        invited=invited,
        form=form,
    )


def item_delete_confirmation(item: AgendaItem) -> dict:
    """Deleting an agenda item (its description and summary with it)."""
    return confirmation(
        dialog_id=f"confirmer-retirer-{item.pk}",
        title=_("Retirer le point « %(title)s » ?") % {"title": item.title},
        body_template="rcp/_confirm_item_delete.html",
        action=reverse("rcp:item_delete", args=[item.pk]),
        confirm_label=_("Retirer le point"),
        cancel_url=item.meeting.get_absolute_url() + "#ordre-du-jour",
        item=item,
        meeting=item.meeting,
    )
