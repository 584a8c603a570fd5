"""A protocol's life: validation by the team recorded as a decision taken in
meeting (the members' answers are in validation.py), the other changes of
status (archiving confirmed first), sharing with the network library."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.messages import add_validation_errors

from ..access import get_protocol
from ..enums import ProtocolStatus, RoundStatus
from ..forms.protocols import ShareForm, ValidateForm
from ..models import Protocol
from .confirmations import archive_confirmation

TRANSITION_MESSAGES = {
    "start": gettext_lazy("Le protocole est en application."),
    "review": gettext_lazy(
        "Le protocole est à réviser : son texte et ses étapes peuvent être modifiés."
    ),
    "reopen": gettext_lazy("Le protocole est de nouveau en conception."),
    "archive": gettext_lazy("Le protocole est archivé."),
}


@require_http_methods(["GET", "POST"])
def protocol_validate(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    form = ValidateForm(
        request.POST if request.method == "POST" else None, structure=protocol.structure
    )
    if request.method == "POST" and form.is_valid():
        try:
            protocol.validate(
                by=request.user,
                date=form.cleaned_data["date"],
                agreed_by=form.cleaned_data["agreed_by"],
                review_date=form.cleaned_data["review_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Le protocole est validé par l'équipe (décision prise en réunion).")
            )
            return redirect("protocols:protocol_detail", pk=protocol.pk)
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "form": form,
        "open_round": protocol.validation_rounds.filter(status=RoundStatus.OPEN).first(),
    }
    return render(request, "protocols/coordination/validate.html", context)


@require_http_methods(["GET", "POST"])
def protocol_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST: the change of status. GET, for archiving only: the confirmation
    page (the dialog of the protocol's page says the same)."""
    if action not in Protocol.TRANSITIONS:
        raise Http404
    if request.method == "GET" and action != "archive":
        return HttpResponseNotAllowed(["POST"])
    protocol = get_protocol(request, pk, edit=True)
    if request.method == "GET":
        if protocol.status == ProtocolStatus.ARCHIVED:
            messages.error(request, _("Ce protocole est déjà archivé."))
            return redirect("protocols:protocol_detail", pk=protocol.pk)
        return confirm_page(request, archive_confirmation(protocol))
    try:
        getattr(protocol, Protocol.TRANSITIONS[action])(by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, str(TRANSITION_MESSAGES[action]))
    return redirect("protocols:protocol_detail", pk=protocol.pk)


@require_POST
def protocol_share(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    form = ShareForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    try:
        protocol.share(
            by=request.user,
            show_structure=form.cleaned_data["show_structure"],
            show_indicator_values=form.cleaned_data["show_indicator_values"],
        )
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, _("Le protocole est partagé avec le réseau."))
    return redirect("protocols:protocol_detail", pk=protocol.pk)


@require_POST
def protocol_unshare(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    protocol.unshare(by=request.user)
    messages.success(request, _("Le protocole n'est plus partagé avec le réseau."))
    return redirect("protocols:protocol_detail", pk=protocol.pk)
