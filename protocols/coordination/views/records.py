"""What a protocol records beside its text: evaluation indicators (and their
dated values), design meetings.

Deleting an indicator is confirmed first, and loses nothing: the state
before is kept as a version of the protocol (with the indicator's values),
which restores them."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import act_once

from ..access import get_protocol
from ..enums import ProtocolStatus
from ..forms.protocols import IndicatorValueForm, indicator_formset, meeting_formset
from ..models import Protocol
from .confirmations import CONFIRM_DELETE_FIELD, indicator_delete_confirmation


def _refuse_archived(request, protocol) -> HttpResponse | None:
    if protocol.status == ProtocolStatus.ARCHIVED:
        messages.info(request, _("Ce protocole est archivé : remettez-le en conception d'abord."))
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    return None


def quoted_names(indicators) -> str:
    return ", ".join(f"« {indicator.name} »" for indicator in indicators)


def save_indicators(protocol: Protocol, formset, *, by) -> None:
    """Save the indicators table. Before a deletion, the current state
    (indicators and their dated values) is kept as a version, unless the
    latest version already holds it; after, a version says what changed."""
    deleted = formset.deleted_rows()
    with transaction.atomic():
        Protocol.objects.lock(protocol.pk)
        if deleted:
            protocol.keep_state(
                by=by,
                comment=ngettext(
                    "Avant la suppression de l'indicateur %(names)s",
                    "Avant la suppression des indicateurs %(names)s",
                    len(deleted),
                )
                % {"names": quoted_names(deleted)},
            )
        formset.save_ordered(protocol)
        comment = (
            ngettext(
                "Indicateur %(names)s supprimé", "Indicateurs %(names)s supprimés", len(deleted)
            )
            % {"names": quoted_names(deleted)}
            if deleted
            else _("Indicateurs modifiés")
        )
        protocol.keep_state(by=by, comment=comment[:255])


@require_http_methods(["GET", "POST"])
def protocol_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicators table. Rows ticked « Supprimer » go through a
    confirmation page that sends the table again, confirmed."""
    protocol = get_protocol(request, pk, edit=True)
    if refused := _refuse_archived(request, protocol):
        return refused
    formset_class = indicator_formset(extra=1)
    formset = formset_class(
        request.POST if request.method == "POST" else None, instance=protocol, prefix="indicators"
    )
    if request.method == "POST" and formset.is_valid():
        deleted = formset.deleted_rows()
        if deleted and request.POST.get(CONFIRM_DELETE_FIELD) != "1":
            return confirm_page(
                request, indicator_delete_confirmation(protocol, deleted, request.POST)
            )

        def save() -> str:
            save_indicators(protocol, formset, by=request.user)
            if deleted:
                messages.success(
                    request,
                    ngettext(
                        "L'indicateur %(names)s est supprimé. L'état d'avant reste dans les "
                        "versions du protocole, avec ses valeurs.",
                        "Les indicateurs %(names)s sont supprimés. L'état d'avant reste dans "
                        "les versions du protocole, avec leurs valeurs.",
                        len(deleted),
                    )
                    % {"names": quoted_names(deleted)},
                )
            else:
                messages.success(request, _("Les indicateurs ont été enregistrés."))
            return protocol.get_absolute_url()

        # New rows are created: a double click saves them once.
        return act_once(request, save, back=request.path)
    context = {"protocol": protocol, "structure": protocol.structure, "formset": formset}
    return render(request, "protocols/coordination/indicators.html", context)


@require_POST
def protocol_indicator_value(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """A dated value, entered on the protocol's page; a refused one comes
    back on a page of its own, with the errors beside the fields."""
    protocol = get_protocol(request, pk, edit=True)
    indicator = get_object_or_404(protocol.indicators, pk=indicator_pk)
    if refused := _refuse_archived(request, protocol):
        return refused
    form = IndicatorValueForm(request.POST, indicator=indicator, prefix=f"v{indicator.pk}")
    if form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the same date, sent twice at once
            form.add_error("date", _("Une valeur est déjà saisie à cette date."))
        else:
            messages.success(
                request, _("Valeur enregistrée pour « %(name)s ».") % {"name": indicator.name}
            )
            url = reverse("protocols:protocol_detail", args=[protocol.pk])
            return redirect(f"{url}#indicateur-{indicator.pk}")
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "indicator": indicator,
        "form": form,
    }
    return render(request, "protocols/coordination/indicator_value.html", context)


@require_http_methods(["GET", "POST"])
def protocol_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    if refused := _refuse_archived(request, protocol):
        return refused
    formset_class = meeting_formset(extra=1)
    formset = formset_class(
        request.POST if request.method == "POST" else None, instance=protocol, prefix="meetings"
    )
    if request.method == "POST" and formset.is_valid():

        def save() -> str:
            with transaction.atomic():
                formset.save_rows(protocol)
            messages.success(request, _("Les réunions de conception ont été enregistrées."))
            return protocol.get_absolute_url()

        # New rows are created: a double click saves them once.
        return act_once(request, save, back=request.path)
    context = {"protocol": protocol, "structure": protocol.structure, "formset": formset}
    return render(request, "protocols/coordination/meetings.html", context)
