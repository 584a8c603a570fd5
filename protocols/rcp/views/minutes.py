from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import ActionForm, act_once, submit_once
from gecolib.messages import add_validation_errors
from gecolib.pdf import pdf_response
from gecolib.revisions import latest_revision

from .. import minutes
from ..access import get_meeting
from ..concurrency import EditedMeanwhile
from ..forms import AmendForm, DecisionForm, MinutesForm
from .confirmations import (
    invited_count,
    minutes_amend_confirmation,
    minutes_validate_confirmation,
)
from .meetings import meeting_url


def _writable(request, meeting) -> bool:
    if meeting.is_cancelled or not meeting.has_started:
        messages.error(request, _("Le compte rendu se rédige une fois la RCP tenue."))
        return False
    return True


@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if not _writable(request, meeting):
        return redirect(meeting)
    items = list(meeting.items.all())
    form = MinutesForm(request.POST or None, meeting=meeting, items=items)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except EditedMeanwhile as error:
            # The text typed stays in the form; the saved one is shown above it.
            current = error.current
            items = list(current.items.all())
            form.start_from(current.minutes_version)
            form.add_error(None, error)
        else:
            if meeting.minutes_validated:
                messages.success(
                    request,
                    _(
                        "Les modifications sont enregistrées. Envoyez l'amendement pour que "
                        "les membres invités reçoivent la nouvelle version."
                    ),
                )
            else:
                messages.success(request, _("Le compte rendu a été enregistré (brouillon)."))
            return redirect(meeting_url(meeting, "compte-rendu"))
    return render(
        request,
        "rcp/minutes_form.html",
        {
            "meeting": meeting,
            "structure": meeting.structure,
            "form": form,
            "current": current,
            "current_items": items if current else [],
        },
    )


@require_http_methods(["GET", "POST"])
def minutes_validate(request, pk: int):
    """GET: the confirmation page (the dialog of the meeting's page says the
    same). POST: the minutes frozen and announced by e-mail, once (one-time
    token)."""
    meeting = get_meeting(request, pk, organise=True)
    if request.method == "GET":
        if not _writable(request, meeting):
            return redirect(meeting)
        if meeting.minutes_validated:
            messages.error(
                request, _("Ce compte rendu est déjà validé : amendez-le pour le modifier.")
            )
            return redirect(meeting_url(meeting, "compte-rendu"))
        invited = invited_count(meeting)
        context = minutes_validate_confirmation(meeting, invited=invited, form=ActionForm())
        return confirm_page(request, context)

    def validate() -> str:
        minutes.validate_minutes(meeting, by=request.user)
        messages.success(
            request,
            _("Le compte rendu est validé : les membres invités ont reçu un e-mail avec son lien."),
        )
        return meeting_url(meeting, "compte-rendu")

    try:
        return act_once(request, validate, back=meeting_url(meeting, "compte-rendu"))
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(meeting_url(meeting, "compte-rendu"))


@require_POST
def minutes_amend(request, pk: int):
    """A new version of validated minutes, announced once (one-time token);
    a comment to correct comes back on a page of its own, kept."""
    meeting = get_meeting(request, pk, organise=True)
    form = AmendForm(request.POST)
    if not form.is_valid():
        return confirm_page(request, minutes_amend_confirmation(meeting, form=form), status=400)

    def amend() -> str:
        revision = minutes.amend_minutes(
            meeting,
            by=request.user,
            comment=form.cleaned_data["comment"],
            names_confirmed=form.names_confirmed,
        )
        messages.success(
            request,
            _("La version %(number)s du compte rendu a été annoncée aux membres invités.")
            % {"number": revision.number},
        )
        return meeting_url(meeting, "compte-rendu")

    try:
        return submit_once(request, form, amend)
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(meeting_url(meeting, "compte-rendu"))


@require_GET
def minutes_pdf(request, pk: int):
    meeting = get_meeting(request, pk)
    revisions = meeting.minutes_revisions.select_related("author")
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404
        revision = revisions.filter(number=int(number)).first()
    else:
        revision = latest_revision(revisions)
    if revision is None:
        raise Http404
    return pdf_response(
        minutes.PDF_TEMPLATE,
        minutes.pdf_context(meeting, revision),
        minutes.pdf_filename(meeting, revision),
    )


@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if not _writable(request, meeting):
        return redirect(meeting)
    form = DecisionForm(
        request.POST or None, meeting=meeting, initial={"item": request.GET.get("item")}
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            decision = form.save(commit=False)
            decision.meeting, decision.created_by = meeting, request.user
            decision.save()
            messages.success(request, _("La décision a été ajoutée au compte rendu."))
            return meeting_url(meeting, "compte-rendu")

        return submit_once(request, form, create)
    return render(
        request,
        "rcp/decision_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )
