"""Logging a session: one form on one page, follow-ups included."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gecolib.idempotency import submit_once

from ..access import get_facilitation_for, get_session_for
from ..enums import SessionMode
from ..forms import FollowUpFormSet, SessionForm

DEFAULT_DURATION_MINUTES = 120


@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    facilitation = get_facilitation_for(request, pk, log=True)
    if facilitation.is_closed:
        messages.error(
            request,
            _("Cette facilitation est « %(status)s » : on n'y consigne plus de séance.")
            % {"status": facilitation.get_status_display()},
        )
        return redirect("facilitations:detail", pk=facilitation.pk)
    last = facilitation.last_session()
    initial = {
        "duration_minutes": DEFAULT_DURATION_MINUTES,
        "mode": last.mode if last else SessionMode.ON_SITE,
        "phase": last.phase if last else "definition",
    }
    form = SessionForm(request.POST or None, facilitation=facilitation, initial=initial)
    formset = FollowUpFormSet(request.POST or None, facilitation=facilitation)
    if request.method == "POST" and form.is_valid() and formset.is_valid():

        def create() -> str:
            form.instance.created_by = request.user
            session = form.save()
            for follow_up in formset.save(commit=False):
                follow_up.facilitation = facilitation
                follow_up.session = session
                follow_up.created_by = request.user
                follow_up.save()
            messages.success(
                request,
                _("Séance du %(date)s enregistrée.") % {"date": session.date.strftime("%d/%m/%Y")},
            )
            return reverse("facilitations:detail", args=[facilitation.pk])

        # A double click logs the session (and its follow-ups) once.
        return submit_once(request, form, create)
    return render(
        request,
        "facilitations/session_form.html",
        {"facilitation": facilitation, "form": form, "formset": formset, "session": None},
    )


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request, pk, edit=True)
    facilitation = session.facilitation
    form = SessionForm(request.POST or None, instance=session, facilitation=facilitation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Séance modifiée."))
        return redirect("facilitations:detail", pk=facilitation.pk)
    return render(
        request,
        "facilitations/session_form.html",
        {"facilitation": facilitation, "form": form, "formset": None, "session": session},
    )
