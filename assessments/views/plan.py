"""The improvement plan: adding an action to a closed campaign, marking one
done with what was done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors

from ..access import get_action, get_campaign
from ..forms import ActionDoneForm, ActionForm


@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, manage=True)
    if not campaign.is_closed:
        messages.error(request, _("Le plan d'amélioration s'écrit une fois la campagne close."))
        return redirect(campaign)
    initial = {}
    if dimension := request.GET.get("dimension", "").strip():
        initial["dimension"] = dimension if dimension.isdigit() else None
    form = ActionForm(request.POST or None, campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            action = form.save(commit=False)
            action.created_by = request.user
            action.save()
            messages.success(
                request, _("Action « %(title)s » ajoutée au plan.") % {"title": action.title}
            )
            return campaign.get_absolute_url() + "#plan"

        return submit_once(request, form, create)
    return render(
        request,
        "assessments/action_form.html",
        {"campaign": campaign, "structure": campaign.structure, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """For the action's owner and whoever manages the campaign."""
    action = get_action(request, pk)
    campaign = action.campaign
    if not action.is_open:
        messages.info(request, _("Cette action est déjà réalisée."))
        return redirect(action)
    form = ActionDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def done() -> str:
            action.names_confirmed = True
            action.mark_done(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Action marquée réalisée."))
            return action.get_absolute_url()

        try:
            return submit_once(request, form, done)
        except ValidationError as error:
            add_validation_errors(request, error)
            return redirect(action)
    return render(
        request,
        "assessments/action_done.html",
        {"action": action, "campaign": campaign, "structure": campaign.structure, "form": form},
        status=400 if form.errors else 200,
    )
