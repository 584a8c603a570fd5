"""What the confirmations of the declarations' irreversible or heavy actions
say (gecolib.confirmations): the context of the dialog on the declaration's
page and of the page that confirms without JavaScript."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from gecolib.confirmations import confirmation

from ..forms.declarations import StatusForm
from ..models import CooperationDeclaration, Participant
from ..models.declarations import DeclarationStatus


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
    return confirmation(
        dialog_id="confirmer-arreter",
        title=_("Arrêter le protocole de coopération « %(title)s » ?")
        % {"title": declaration.protocol.short_name},
        body_template="protocols/cooperation/_confirm_stop.html",
        action=reverse("cooperation:status", args=[declaration.pk]),
        confirm_label=_("Arrêter le protocole"),
        cancel_url=declaration.get_absolute_url(),
        form=form,
        declaration=declaration,
    )


def participant_remove_confirmation(
    declaration: CooperationDeclaration, participant: Participant
) -> dict:
    """Removing a participant from the declared team: the ARS must then
    receive a new declaration (once the protocol is declared)."""
    return confirmation(
        dialog_id=f"confirmer-retirer-{participant.pk}",
        title=_("Retirer %(name)s de l'équipe du protocole ?")
        % {"name": participant.user.display_name},
        body_template="protocols/cooperation/_confirm_participant_remove.html",
        action=reverse("cooperation:participant_remove", args=[declaration.pk, participant.pk]),
        confirm_label=_("Retirer de l'équipe"),
        cancel_url=declaration.get_absolute_url(),
        declaration=declaration,
        participant=participant,
    )


def status_change_page(declaration: CooperationDeclaration, form: StatusForm) -> dict:
    """A change of status refused by its form (a date out of range, a comment
    that could identify a patient): the form again, on a page of its own."""
    return confirmation(
        dialog_id="changer-statut",
        title=_("Changer le statut du protocole de coopération « %(title)s »")
        % {"title": declaration.protocol.short_name},
        body_template="protocols/cooperation/_status_change.html",
        action=reverse("cooperation:status", args=[declaration.pk]),
        confirm_label=_("Changer le statut"),
        confirm_class="btn-primary",
        cancel_url=declaration.get_absolute_url(),
        form=form,
        declaration=declaration,
    )
