from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.models import User
from gecolib.pagination import paginate
from gecolib.redirects import redirect_to_next
from gecolib.team_data import has_possible_name_error

from ..access import can_close_decision, can_organise, get_decision, get_rcp_structure
from ..followups import with_followups
from ..forms import DecisionCloseForm, DecisionFilter
from ..models import Decision

PAGE_SIZE = 25


@require_GET
def decisions(request, pk: int):
    """The structure's decisions, followed up: it opens on those to do, the
    most urgent first (the earliest due date: overdue ones lead); filters by
    state (done, abandoned, all), owner, meeting."""
    structure = get_rcp_structure(request, pk)
    queryset = Decision.objects.filter(meeting__structure=structure)
    owners = User.objects.filter(pk__in=queryset.values("owner_id")).order_by(
        "last_name", "first_name"
    )
    filters = DecisionFilter(
        request.GET,
        queryset=queryset.with_list_related_data().most_urgent_first(),
        structure=structure,
        owners=owners,
    )
    page = paginate(request, filters.qs, per_page=PAGE_SIZE)
    organiser = can_organise(request.user, structure)
    page.object_list = list(page.object_list)
    with_followups(page.object_list, organiser=organiser)
    return render(
        request,
        "rcp/decisions.html",
        {"structure": structure, "filters": filters, "page": page, "can_organise": organiser},
    )


@require_POST
def decision_close(request, pk: int):
    """Mark a decision done (its owner or an organiser), abandon or reopen it
    (an organiser). Answers the table row to htmx, a redirect otherwise."""
    decision = get_decision(request, pk)
    action = request.POST.get("action", "done")
    organiser = can_organise(request.user, decision.meeting.structure)
    if action == "done" and not can_close_decision(request.user, decision):
        raise PermissionDenied
    if action in ("abandon", "reopen") and not organiser:
        raise PermissionDenied
    form = DecisionCloseForm(request.POST)
    error = ""
    if not form.is_valid():
        if not request.htmx:
            add_form_errors(request, form)
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        comment, confirmed = form.cleaned_data["comment"], form.names_confirmed
        try:
            if action == "abandon":
                decision.abandon(by=request.user, comment=comment, names_confirmed=confirmed)
            elif action == "reopen":
                decision.reopen(by=request.user)
            else:
                decision.mark_done(by=request.user, comment=comment, names_confirmed=confirmed)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            if not request.htmx:
                add_validation_errors(request, exc)
        else:
            if not request.htmx:
                messages.success(request, _("La décision a été mise à jour."))
    if request.htmx:
        with_followups([decision], organiser=organiser)
        return render(
            request,
            "rcp/_decision_row.html",
            {
                "decision": decision,
                "can_organise": organiser,
                "error": error,
                # A possible name in the comment: the row asks to confirm it, comment kept.
                "ask_confirm_names": has_possible_name_error(form),
                "comment_value": request.POST.get("comment", ""),
                "updated": not error,
                "show_meeting": request.POST.get("context") != "meeting",
            },
        )
    # Back to the page of the form (a `next` that is a path of this site).
    return redirect_to_next(request, "rcp:decisions", pk=decision.meeting.structure_id)
