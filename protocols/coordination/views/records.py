"""What a protocol records beside its text: evaluation indicators (and their
dated values), design meetings."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.messages import add_form_errors

from ..access import get_protocol
from ..enums import ProtocolStatus
from ..forms.protocols import IndicatorValueForm, indicator_formset, meeting_formset


def _refuse_archived(request, protocol) -> HttpResponse | None:
    if protocol.status == ProtocolStatus.ARCHIVED:
        messages.info(request, _("Ce protocole est archivé : remettez-le en conception d'abord."))
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    return None


@require_http_methods(["GET", "POST"])
def protocol_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    if refused := _refuse_archived(request, protocol):
        return refused
    formset_class = indicator_formset(extra=1)
    formset = formset_class(
        request.POST if request.method == "POST" else None, instance=protocol, prefix="indicators"
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save_ordered(protocol)
        messages.success(request, _("Les indicateurs ont été enregistrés."))
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    context = {"protocol": protocol, "structure": protocol.structure, "formset": formset}
    return render(request, "protocols/coordination/indicators.html", context)


@require_POST
def protocol_indicator_value(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    indicator = get_object_or_404(protocol.indicators, pk=indicator_pk)
    if refused := _refuse_archived(request, protocol):
        return refused
    form = IndicatorValueForm(request.POST, indicator=indicator, prefix=f"v{indicator.pk}")
    if form.is_valid():
        form.save()
        messages.success(
            request, _("Valeur enregistrée pour « %(name)s ».") % {"name": indicator.name}
        )
    else:
        add_form_errors(request, form)
    url = reverse("protocols:protocol_detail", args=[protocol.pk])
    return redirect(f"{url}#indicateur-{indicator.pk}")


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
        with transaction.atomic():
            formset.save_rows(protocol)
        messages.success(request, _("Les réunions de conception ont été enregistrées."))
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    context = {"protocol": protocol, "structure": protocol.structure, "formset": formset}
    return render(request, "protocols/coordination/meetings.html", context)
