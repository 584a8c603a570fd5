"""What the confirmations of the protocols' irreversible or heavy actions say:
the context of the dialog (forms/_confirm_dialog.html, on the protocol's and
the declaration's pages) and of the page that confirms without JavaScript
(forms/confirm_page.html)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.cooperation import StatusForm
from ..models import Protocol
from ..models.cooperation import CooperationDeclaration, Participant
from ..models.cooperation.declarations import DeclarationStatus


def archive_confirmation(protocol: Protocol) -> dict:
    """Moving a coordination protocol to « archivé »."""
    return {
        "dialog_id": "confirmer-archiver",
        "title": _("Archiver le protocole « %(title)s » ?") % {"title": protocol.title},
        "body_template": "protocols/coordination/_confirm_archive.html",
        "action": reverse("protocols:protocol_transition", args=[protocol.pk, "archive"]),
        "confirm_label": _("Archiver le protocole"),
        "confirm_class": "btn-danger",
        "cancel_url": reverse("protocols:protocol_detail", args=[protocol.pk]),
        "form": None,
        "protocol": protocol,
    }


def stop_form(declaration: CooperationDeclaration, data=None) -> StatusForm:
    """The status form fixed on « arrêté » (the date and a comment to give);
    its own ids, since the declaration's page also holds the status form."""
    form = StatusForm(
        data,
        declaration=declaration,
        initial={"status": DeclarationStatus.STOPPED},
        auto_id="arret_%s",
    )
    form.fields["status"].widget = forms.HiddenInput()
    return form


def stop_confirmation(declaration: CooperationDeclaration, form: StatusForm) -> dict:
    """Stopping a cooperation declaration (« arrêté »): no way back."""
    return {
        "dialog_id": "confirmer-arreter",
        "title": _("Arrêter le protocole de coopération « %(title)s » ?")
        % {"title": declaration.protocol.short_name},
        "body_template": "protocols/cooperation/_confirm_stop.html",
        "action": reverse("protocols:cooperation_status", args=[declaration.pk]),
        "confirm_label": _("Arrêter le protocole"),
        "confirm_class": "btn-danger",
        "cancel_url": declaration.get_absolute_url(),
        "form": form,
        "declaration": declaration,
    }


def participant_remove_confirmation(
    declaration: CooperationDeclaration, participant: Participant
) -> dict:
    """Removing a participant from the declared team: the ARS must then
    receive a new declaration (once the protocol is declared)."""
    return {
        "dialog_id": f"confirmer-retirer-{participant.pk}",
        "title": _("Retirer %(name)s de l'équipe du protocole ?")
        % {"name": participant.user.display_name},
        "body_template": "protocols/cooperation/_confirm_participant_remove.html",
        "action": reverse(
            "protocols:cooperation_participant_remove", args=[declaration.pk, participant.pk]
        ),
        "confirm_label": _("Retirer de l'équipe"),
        "confirm_class": "btn-danger",
        "cancel_url": declaration.get_absolute_url(),
        "form": None,
        "declaration": declaration,
        "participant": participant,
    }
