"""A structure's lifecycle: moving to another stage, CARPEC scheduling."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.text import with_article

from ..access import get_structure
from ..forms import CarpecScheduleForm, StageChangeForm


@require_http_methods(["GET", "POST"])
def lifecycle(request: HttpRequest, pk: int) -> HttpResponse:
    """Stage form for coordinators and staff; CARPEC scheduling for staff."""
    structure = get_structure(request, pk, private=True, manage=True)
    stage_form = StageChangeForm(request.POST or None, structure=structure, user=request.user)
    if request.method == "POST" and stage_form.is_valid():

        def move() -> str:
            structure.move_to(
                stage_form.cleaned_data["stage"],
                by=request.user,
                date=stage_form.cleaned_data["date"],
                comment=stage_form.cleaned_data["comment"],
            )
            messages.success(
                request,
                _("Nouvelle étape : %(stage)s.") % {"stage": structure.get_stage_display()},
            )
            return reverse("structures:lifecycle", args=[structure.pk])

        try:
            return submit_once(request, stage_form, move)
        except ValidationError as error:
            add_validation_errors(request, error)
    return render(
        request,
        "structures/lifecycle.html",
        {
            "structure": structure,
            "stage_form": stage_form,
            "schedule_form": CarpecScheduleForm() if request.user.is_staff else None,
            "timeline": structure.timeline(),
        },
    )


@require_POST
def carpec_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, manage=True)
    if not request.user.is_staff:
        raise PermissionDenied
    form = CarpecScheduleForm(request.POST)
    if form.is_valid():
        session = form.cleaned_data["session"]

        def schedule() -> str:
            session.schedule(structure, form.cleaned_data["kind"], by=request.user)
            messages.success(
                request,
                _("%(structure)s est inscrite à la %(session)s.")
                % {"structure": capfirst(with_article(structure.name)), "session": session},
            )
            return reverse("structures:lifecycle", args=[structure.pk])

        try:
            return submit_once(request, form, schedule)
        except ValidationError as error:
            add_validation_errors(request, error)
    else:
        add_form_errors(request, form)
    return redirect("structures:lifecycle", pk=structure.pk)
