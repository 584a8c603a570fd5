"""What a protocol records beside its text: evaluation indicators (and their
dated values), design meetings.

Deleting an indicator, or correcting and deleting dated values, loses
nothing: a deletion is confirmed first, and the state before is kept as a
version of the protocol (with the indicators' values), which restores them."""

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
from gecolib.idempotency import act_once, replay_if_submitted

from ..access import get_protocol
from ..enums import ProtocolStatus
from ..forms.protocols import (
    IndicatorValueForm,
    indicator_formset,
    indicator_value_formset,
    meeting_formset,
)
from ..models import Indicator, Protocol
from .confirmations import (
    CONFIRM_DELETE_FIELD,
    indicator_delete_confirmation,
    indicator_values_delete_confirmation,
)


def _refuse_archived(request, protocol) -> HttpResponse | None:
    if protocol.status == ProtocolStatus.ARCHIVED:
        messages.info(request, _("Ce protocole est archivé : remettez-le en conception d'abord."))
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    return None


def indicator_anchor(protocol: Protocol, indicator: Indicator) -> str:
    """The indicator's place on the protocol's page."""
    return reverse("protocols:protocol_detail", args=[protocol.pk]) + f"#indicateur-{indicator.pk}"


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
            return redirect(indicator_anchor(protocol, indicator))
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "indicator": indicator,
        "form": form,
    }
    return render(request, "protocols/coordination/indicator_value.html", context)


def save_indicator_values(protocol: Protocol, indicator: Indicator, formset, *, by) -> None:
    """Save an indicator's values table. The state before is kept as a
    version (unless the latest version holds it: values are entered without
    one), so a corrected or deleted value can be restored; after, a version
    says what changed."""
    deleted = formset.deleted_rows()
    name = {"name": indicator.name}
    with transaction.atomic():
        Protocol.objects.lock(protocol.pk)
        before = (
            ngettext(
                "Avant la suppression d'une valeur de « %(name)s »",
                "Avant la suppression de %(count)s valeurs de « %(name)s »",
                len(deleted),
            )
            % (name | {"count": len(deleted)})
            if deleted
            else _("Avant la correction des valeurs de « %(name)s »") % name
        )
        protocol.keep_state(by=by, comment=before[:255])
        changed = bool(formset.changed_forms())
        formset.save_rows()
        if deleted and changed:
            after = _("Valeurs de « %(name)s » corrigées et supprimées") % name
        elif deleted:
            after = ngettext(
                "Une valeur de « %(name)s » supprimée",
                "%(count)s valeurs de « %(name)s » supprimées",
                len(deleted),
            ) % (name | {"count": len(deleted)})
        else:
            after = _("Valeurs de « %(name)s » corrigées") % name
        protocol.keep_state(by=by, comment=after[:255])


@require_http_methods(["GET", "POST"])
def protocol_indicator_values(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """An indicator's dated values, to correct or delete (they are added on
    the protocol's page). Rows ticked « Supprimer » go through a confirmation
    page that sends the table again, confirmed."""
    protocol = get_protocol(request, pk, edit=True)
    indicator = get_object_or_404(protocol.indicators, pk=indicator_pk)
    if refused := _refuse_archived(request, protocol):
        return refused
    # A second click on a table already saved (its rows may be deleted now):
    # back to where the first one led.
    if replayed := replay_if_submitted(request):
        return replayed
    formset = indicator_value_formset()(
        request.POST if request.method == "POST" else None, indicator=indicator, prefix="values"
    )
    if request.method == "POST" and formset.is_valid():
        deleted = formset.deleted_rows()
        if deleted and request.POST.get(CONFIRM_DELETE_FIELD) != "1":
            return confirm_page(
                request,
                indicator_values_delete_confirmation(protocol, indicator, deleted, request.POST),
            )
        url = indicator_anchor(protocol, indicator)

        def save() -> str:
            if not deleted and not formset.changed_forms():
                messages.info(request, _("Aucune valeur n'a changé."))
                return url
            save_indicator_values(protocol, indicator, formset, by=request.user)
            if deleted:
                messages.success(
                    request,
                    ngettext(
                        "Les valeurs de « %(name)s » sont enregistrées, une valeur supprimée. "
                        "L'état d'avant reste dans les versions du protocole.",
                        "Les valeurs de « %(name)s » sont enregistrées, %(count)s valeurs "
                        "supprimées. L'état d'avant reste dans les versions du protocole.",
                        len(deleted),
                    )
                    % {"name": indicator.name, "count": len(deleted)},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Les valeurs de « %(name)s » sont corrigées. L'état d'avant reste "
                        "dans les versions du protocole."
                    )
                    % {"name": indicator.name},
                )
            return url

        try:
            return act_once(request, save, back=request.path)
        except IntegrityError:  # a value entered at one of these dates meanwhile
            formset.non_form_errors().append(
                _(
                    "Une valeur vient d'être saisie à l'une de ces dates : rien n'a été "
                    "enregistré. Rechargez la page pour voir les valeurs actuelles."
                )
            )
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "indicator": indicator,
        "formset": formset,
    }
    return render(request, "protocols/coordination/indicator_values.html", context)


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
