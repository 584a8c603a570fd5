"""A facilitation's page: the log for the binôme and staff, the shared part
for the team and the requester; binôme, follow-ups and status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page, confirmation
from gecolib.enums import FacilitatorKind
from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors

from .. import tasks
from ..access import get_facilitation_for, get_follow_up_for
from ..forms import BinomeForm, CloseForm, NewFollowUpForm


def _follow_ups(facilitation):
    return list(
        facilitation.follow_ups.select_related("assignee", "session", "facilitation").order_by(
            "done_at", "due_date", "pk"
        )
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Binôme and staff get the full log (private notes included); the team
    and the requester get a separate template that has no private field."""
    facilitation = get_facilitation_for(request, pk)
    user = request.user
    assignments = list(
        facilitation.assignments.select_related("user", "assigned_by").order_by(
            "kind", "-started_at"
        )
    )
    current = [a for a in assignments if a.ended_at is None]
    sessions = list(facilitation.sessions.with_list_related_data())
    context = {
        "facilitation": facilitation,
        "structure": facilitation.structure,
        "req": facilitation.request,
        "current_assignments": current,
        "sessions": sessions,
        "follow_ups": _follow_ups(facilitation),
        "is_requester": bool(
            facilitation.request_id and facilitation.request.requester_id == user.pk
        ),
    }
    if facilitation.can_see_private(user):
        context.update(
            {
                "assignments": assignments,
                "can_log": facilitation.can_log(user),
                "total_hours": sum(s.duration_minutes for s in sessions) / 60,
            }
        )
        return render(request, "facilitations/detail.html", context)
    return render(request, "facilitations/detail_team.html", context)


@require_http_methods(["GET", "POST"])
def binome(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff form or change the binôme; the previous member's assignment ends
    (dated) so the history of who facilitated when is kept."""
    facilitation = get_facilitation_for(request, pk)
    if not request.user.is_staff:
        raise PermissionDenied
    current = {
        a.kind: a.user
        for a in facilitation.assignments.filter(ended_at__isnull=True).select_related("user")
    }
    form = BinomeForm(
        request.POST or None,
        initial={
            "facilitator": current.get(FacilitatorKind.HEALTH_PROFESSIONAL),
            "project_officer": current.get(FacilitatorKind.PROJECT_OFFICER),
        },
    )
    if request.method == "POST" and form.is_valid():

        def assign() -> str:
            for field in ("facilitator", "project_officer"):
                facilitation.assign(user=form.cleaned_data[field], by=request.user)
            messages.success(request, _("Binôme enregistré."))
            return reverse("facilitations:detail", args=[facilitation.pk])

        try:
            return submit_once(request, form, assign)
        except ValidationError as error:
            form.add_error(None, error)
    history = facilitation.assignments.select_related("user", "assigned_by").order_by(
        "kind", "-started_at"
    )
    return render(
        request,
        "facilitations/binome.html",
        {"facilitation": facilitation, "form": form, "assignments": history},
    )


@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause or resume."""
    facilitation = get_facilitation_for(request, pk, log=True)
    action = request.POST.get("action")
    try:
        if action == "pause":
            facilitation.pause(by=request.user)
            messages.success(request, _("Facilitation mise en pause."))
        elif action == "resume":
            facilitation.resume(by=request.user)
            messages.success(request, _("Facilitation reprise."))
        else:
            messages.error(request, _("Action inconnue."))
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect("facilitations:detail", pk=facilitation.pk)


def close_confirmation(facilitation, form: CloseForm) -> dict:
    """What closing or abandoning does, asked once the form is valid: the
    confirmation page posts the form's values again, with `confirm`."""
    abandon = form.cleaned_data["action"] == CloseForm.ABANDON
    return confirmation(
        dialog_id="confirmer-cloture",
        title=_("Abandonner la facilitation ?") if abandon else _("Terminer la facilitation ?"),
        action=reverse("facilitations:close", args=[facilitation.pk]),
        confirm_label=_("Confirmer l'abandon") if abandon else _("Confirmer la clôture"),
        cancel_url=reverse("facilitations:detail", args=[facilitation.pk]),
        body_template="facilitations/_confirm_close.html",
        facilitation=facilitation,
        close_form=form,
        abandon=abandon,
    )


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    facilitation = get_facilitation_for(request, pk, log=True)
    form = CloseForm(request.POST or None)
    # « Revenir au formulaire » (`back`) shows the form again with its input.
    if request.method == "POST" and form.is_valid() and "back" not in request.POST:
        if "confirm" not in request.POST:
            # First the words of what closing does, with a button that confirms it.
            return confirm_page(request, close_confirmation(facilitation, form))
        data = form.cleaned_data
        try:
            if data["action"] == CloseForm.CLOSE:
                facilitation.close(
                    by=request.user, outcome=data["outcome"], summary=data["summary"]
                )
            else:
                facilitation.abandon(by=request.user, summary=data["summary"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The professionals who took part receive the questionnaire.
            transaction.on_commit(lambda: tasks.send_feedback_questionnaires.delay(facilitation.pk))
            messages.success(
                request,
                _("Facilitation « %(status)s ».") % {"status": facilitation.get_status_display()},
            )
            return redirect("facilitations:detail", pk=facilitation.pk)
    return render(request, "facilitations/close.html", {"facilitation": facilitation, "form": form})


@require_http_methods(["GET", "POST"])
def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    facilitation = get_facilitation_for(request, pk, log=True)
    if facilitation.is_closed:
        # Same rule as for sessions: the page hides the button, the URL says why.
        messages.error(
            request,
            _("Cette facilitation est « %(status)s » : on n'y ajoute plus d'action de suivi.")
            % {"status": facilitation.get_status_display()},
        )
        return redirect("facilitations:detail", pk=facilitation.pk)
    form = NewFollowUpForm(request.POST or None, facilitation=facilitation)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            follow_up = form.save(commit=False)
            follow_up.facilitation = facilitation
            follow_up.created_by = request.user
            follow_up.save()
            messages.success(request, _("Action de suivi ajoutée."))
            return reverse("facilitations:detail", args=[facilitation.pk])

        return submit_once(request, form, create)
    return render(
        request, "facilitations/followup_form.html", {"facilitation": facilitation, "form": form}
    )


@require_POST
def followup_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a follow-up done (or not done again); an htmx request gets the
    updated row back."""
    follow_up = get_follow_up_for(request, pk, toggle=True)
    try:
        if follow_up.is_done:
            follow_up.reopen(by=request.user)
        else:
            follow_up.mark_done(by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    if request.htmx:
        return render(
            request,
            "facilitations/_followup_row.html",
            {"follow_up": follow_up, "can_toggle": True},
        )
    return redirect("facilitations:detail", pk=follow_up.facilitation_id)
