from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors
from gecolib.pdf import pdf_response
from gecolib.revisions import latest_revision

from .. import minutes
from ..access import get_meeting
from ..forms import DecisionForm, MinutesForm
from .confirmations import minutes_validate_confirmation
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
    form = MinutesForm(request.POST or None, meeting=meeting, items=meeting.items.all())
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        if meeting.minutes_validated:
            messages.success(
                request,
                _(
                    "Les modifications sont enregistrées. Envoyez l'amendement pour que les "
                    "membres invités reçoivent la nouvelle version."
                ),
            )
        else:
            messages.success(request, _("Le compte rendu a été enregistré (brouillon)."))
        return redirect(meeting_url(meeting, "compte-rendu"))
    return render(
        request,
        "rcp/minutes_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )


@require_http_methods(["GET", "POST"])
def minutes_validate(request, pk: int):
    """GET: the confirmation page (the dialog of the meeting's page says the
    same). POST: the minutes frozen and e-mailed, with the PDF."""
    meeting = get_meeting(request, pk, organise=True)
    if request.method == "GET":
        if not _writable(request, meeting):
            return redirect(meeting)
        if meeting.minutes_validated:
            messages.error(
                request, _("Ce compte rendu est déjà validé : amendez-le pour le modifier.")
            )
            return redirect(meeting_url(meeting, "compte-rendu"))
        invited = meeting.invitees.filter(user__is_active=True).count()
        context = minutes_validate_confirmation(meeting, invited=invited)
        return confirm_page(request, context)
    try:
        minutes.validate_minutes(meeting, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("Le compte rendu est validé : il a été envoyé aux membres invités, avec son PDF."),
        )
    return redirect(meeting_url(meeting, "compte-rendu"))


@require_POST
def minutes_amend(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    try:
        revision = minutes.amend_minutes(
            meeting, by=request.user, comment=request.POST.get("comment", "")[:255]
        )
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("La version %(number)s du compte rendu a été envoyée aux membres invités.")
            % {"number": revision.number},
        )
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
