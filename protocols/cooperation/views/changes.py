"""A cooperation declaration's changes: its status (stopping confirmed
first), its declared team (a removal confirmed first), a new declaration to
the ARS after the team changed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors

from ..access import get_declaration
from ..forms.declarations import ParticipantForm, RedeclarationForm, StatusForm
from ..models import Participant
from ..models.declarations import DeclarationStatus
from .confirmations import (
    participant_remove_confirmation,
    status_change_page,
    stop_confirmation,
    stop_form,
)

TEAM_CHANGED = gettext_lazy(
    "L'équipe déclarée a changé : une nouvelle déclaration à l'ARS est à faire."
)


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: the change of status. GET: the page that confirms stopping the
    protocol (the dialog of the declaration's page says the same); a refused
    stop comes back to it with the errors."""
    declaration = get_declaration(request, pk, write=True)
    stopping = request.POST.get(f"{StatusForm.prefix}-status") == DeclarationStatus.STOPPED
    if request.method == "GET" or stopping:
        form = stop_form(declaration, request.POST or None)
        if DeclarationStatus.STOPPED not in declaration.allowed_transitions():
            messages.error(request, _("Ce protocole est déjà arrêté."))
            return redirect(declaration)
        if request.method == "GET" or not form.is_valid():
            return confirm_page(request, stop_confirmation(declaration, form))
    else:
        form = StatusForm(request.POST, declaration=declaration)
        if not form.is_valid():
            # On a page of its own, where the errors sit beside the fields
            # (and a possible name in the comment is confirmed).
            return confirm_page(request, status_change_page(declaration, form), status=400)
    try:
        declaration.change_status(
            form.cleaned_data["status"],
            by=request.user,
            date=form.cleaned_data["date"],
            comment=form.cleaned_data["comment"],
            names_confirmed=form.names_confirmed,
        )
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request, _("Statut : %(status)s.") % {"status": declaration.get_status_display()}
        )
    return redirect(declaration)


@require_POST
def redeclare(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration(request, pk, write=True, staff_may=True)
    form = RedeclarationForm(request.POST)
    if not form.is_valid():
        add_form_errors(request, form)
        return redirect(declaration)
    try:
        declaration.record_new_declaration(
            by=request.user,
            date=form.cleaned_data["date"],
            ds_number=form.cleaned_data["ds_number"],
        )
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, _("Nouvelle déclaration à l'ARS enregistrée."))
    return redirect(declaration)


@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration(request, pk, write=True)
    form = ParticipantForm(request.POST or None, declaration=declaration)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            participant = declaration.add_participant(
                data["user"],
                data["role"],
                by=request.user,
                training_date=data["training_date"],
                training_hours=data["training_hours"],
            )
            text = _("%(name)s ajouté(e) comme %(role)s.") % {
                "name": participant.user.display_name,
                "role": participant.get_role_display().lower(),
            }
            if declaration.new_declaration_needed:
                text += " " + str(TEAM_CHANGED)
            messages.success(request, text)
            return declaration.get_absolute_url()

        try:
            return submit_once(request, form, create)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "protocols/cooperation/participant_add.html",
        {"declaration": declaration, "structure": declaration.structure, "form": form},
    )


@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, pk: int, participant_pk: int):
    """GET: the confirmation page (the team changes: a new declaration to the
    ARS). POST: the removal."""
    declaration = get_declaration(request, pk, write=True)
    participant = get_object_or_404(
        Participant.objects.select_related("user"), pk=participant_pk, declaration=declaration
    )
    if request.method == "GET":
        if participant.removed_on is not None:
            messages.error(request, _("Cette personne ne fait déjà plus partie de l'équipe."))
            return redirect(declaration)
        return confirm_page(request, participant_remove_confirmation(declaration, participant))
    try:
        declaration.remove_participant(participant, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        text = _("%(name)s ne fait plus partie de l'équipe du protocole.") % {
            "name": participant.user.display_name
        }
        if declaration.new_declaration_needed:
            text += " " + str(TEAM_CHANGED)
        messages.success(request, text)
    return redirect(declaration)
