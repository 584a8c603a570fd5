"""What the confirmations of the coordination protocols' irreversible actions
say: the context of the dialog (forms/_confirm_dialog.html, on the protocol's
page) and of the page that confirms without JavaScript
(forms/confirm_page.html)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


CONFIRM_DELETE_FIELD = "confirmer_suppression"


def resent(data) -> list[tuple[str, str]]:
    """The table as it was sent, to send again once confirmed (without its
    CSRF token, which the confirmation page carries, and the confirmation)."""
    return [
        (name, value)
        for name, values in data.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_DELETE_FIELD)
        for value in values
    ]


def indicator_delete_confirmation(protocol: Protocol, indicators: list, data) -> dict:
    """Deleting indicators (ticked « Supprimer » in the indicators table):
    the page says how many dated values go with them and that the state
    before is kept in the versions; it sends the same table again, confirmed."""
    names = ", ".join(f"« {indicator.name} »" for indicator in indicators)
    url = reverse("protocols:protocol_indicators", args=[protocol.pk])
    return confirmation(
        dialog_id="confirmer-supprimer-indicateurs",
        title=ngettext(
            "Supprimer l'indicateur %(names)s ?",
            "Supprimer les indicateurs %(names)s ?",
            len(indicators),
        )
        % {"names": names},
        body_template="protocols/coordination/_confirm_indicator_delete.html",
        action=url,
        confirm_label=_("Supprimer et enregistrer le tableau"),
        cancel_url=url,
        protocol=protocol,
        deleted=[(indicator, indicator.values.count()) for indicator in indicators],
        posted=resent(data),
        confirm_field=CONFIRM_DELETE_FIELD,
    )


def indicator_values_delete_confirmation(protocol: Protocol, indicator, values: list, data) -> dict:
    """Deleting dated values of an indicator (ticked « Supprimer » in its
    values table): the page lists them, says that the state before is kept
    in the versions, and sends the same table again, confirmed."""
    url = reverse("protocols:protocol_indicator_values", args=[protocol.pk, indicator.pk])
    return confirmation(
        dialog_id="confirmer-supprimer-valeurs",
        title=ngettext(
            "Supprimer une valeur de « %(name)s » ?",
            "Supprimer %(count)s valeurs de « %(name)s » ?",
            len(values),
        )
        % {"count": len(values), "name": indicator.name},
        body_template="protocols/coordination/_confirm_indicator_values_delete.html",
        action=url,
        confirm_label=_("Supprimer et enregistrer le tableau"),
        cancel_url=url,
        protocol=protocol,
        indicator=indicator,
        # As saved (the rows' fields hold what was typed in the table).
        deleted=list(indicator.values.filter(pk__in=[v.pk for v in values]).order_by("date")),
        posted=resent(data),
        confirm_field=CONFIRM_DELETE_FIELD,
    )
