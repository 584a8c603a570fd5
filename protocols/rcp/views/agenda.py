from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors

from .. import invitations
from ..access import get_meeting
from ..enums import Answer
from ..forms import AgendaItemForm, AnswerForm, AttendanceForm
from ..models import AgendaItem, Invitee
from .confirmations import item_delete_confirmation
from .meetings import meeting_url


def _item(request, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    meeting = get_meeting(request, item.meeting_id, organise=True)
    item.meeting = meeting
    return item


@require_http_methods(["GET", "POST"])
def item_create(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if meeting.is_cancelled:
        messages.error(request, _("Cette RCP est annulée : elle ne change plus."))
        return redirect(meeting)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            item = form.save(commit=False)
            item.meeting = meeting
            item.save()
            if item.case_label:
                messages.success(
                    request,
                    _("Le cas %(label)s a été ajouté à l'ordre du jour.")
                    % {"label": item.case_label},
                )
            else:
                messages.success(request, _("Le point a été ajouté à l'ordre du jour."))
            return meeting_url(meeting, "ordre-du-jour")

        return submit_once(request, form, create)
    return render(
        request,
        "rcp/item_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )


@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = _item(request, pk)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le point de l'ordre du jour a été modifié."))
        return redirect(meeting_url(meeting, "ordre-du-jour"))
    return render(
        request,
        "rcp/item_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form, "item": item},
    )


@require_http_methods(["GET", "POST"])
def item_delete(request, pk: int):
    """GET: the confirmation page (the dialog of the meeting's page says the
    same). POST: the item deleted."""
    item = _item(request, pk)
    if request.method == "GET" and not item.meeting.minutes_validated:
        return confirm_page(request, item_delete_confirmation(item))
    if item.meeting.minutes_validated:
        messages.error(
            request, _("Le compte rendu est validé : ses points ne peuvent plus être retirés.")
        )
    else:
        item.delete()
        messages.success(request, _("Le point a été retiré de l'ordre du jour."))
    return redirect(meeting_url(item.meeting, "ordre-du-jour"))


@require_POST
def agenda_send(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if meeting.has_started:
        messages.error(request, _("Cette RCP a déjà eu lieu : l'ordre du jour n'est plus envoyé."))
        return redirect(meeting)
    try:
        sent = invitations.send_agenda(meeting)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("L'ordre du jour et l'invitation ont été envoyés à %(count)s membre(s).")
            % {"count": sent},
        )
    return redirect(meeting)


@require_POST
def respond(request, pk: int):
    """A signed-in invited member answers from the meeting's page."""
    meeting = get_meeting(request, pk)
    invitee = meeting.invitees.filter(user=request.user).first()
    if invitee is None:
        raise PermissionDenied
    invitee.meeting = meeting
    _record_answer(request, invitee)
    return redirect(meeting_url(meeting, "reponse"))


def _record_answer(request, invitee: Invitee) -> bool:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        add_form_errors(request, form)
        return False
    try:
        invitee.respond(form.cleaned_data["answer"])
    except ValidationError as error:
        add_validation_errors(request, error)
        return False
    if invitee.answer == Answer.PRESENT:
        messages.success(request, _("C'est noté : vous serez présent."))
    else:
        messages.success(request, _("C'est noté : vous êtes excusé."))
    return True


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    """The « je serai présent / excusé » link of the agenda e-mail: the signed
    token names the invited member, no sign-in is needed for this one action.
    The page shows the meeting's date and place only (never its agenda)."""
    invitee = Invitee.from_token(token)
    if invitee is None:
        raise Http404
    if request.method == "POST":
        _record_answer(request, invitee)
        return redirect(request.path)
    form = AnswerForm(initial={"answer": invitee.answer or Answer.PRESENT})
    return render(
        request, "rcp/answer.html", {"invitee": invitee, "meeting": invitee.meeting, "form": form}
    )


@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if not meeting.has_started or meeting.is_cancelled:
        messages.error(request, _("La présence se renseigne une fois la RCP tenue."))
        return redirect(meeting)
    form = AttendanceForm(request.POST or None, invitees=meeting.invitees.with_user())
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("La présence a été enregistrée."))
        return redirect(meeting_url(meeting, "presence"))
    return render(
        request,
        "rcp/attendance_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )
