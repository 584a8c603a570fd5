"""Outside guests of a meeting (an SSIAD nurse, a cardiologist, a social
worker): its organisers add and remove them on the meeting's page (POST, one-time
token); a guest reads that meeting's agenda and answers through the signed
link of their e-mail — no account, nothing else of the portal: another
meeting, minutes, the structure's pages stay closed (a forged, expired or
withdrawn link is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.idempotency import act_once, replay_if_submitted, submit_once
from gecolib.messages import add_form_errors, add_validation_errors

from .. import invitations
from ..access import get_meeting
from ..forms import AnswerForm, GuestForm
from ..forms.guests import GUEST_PREFIX
from ..models import Guest
from .agenda import ANSWER_RECORDED
from .meetings import meeting_url

ANCHOR = "invites-exterieurs"


def _guests_closed(request, meeting) -> bool:
    """Guests are added and removed while the meeting is to come."""
    if meeting.is_cancelled:
        messages.error(request, _("Cette RCP est annulée : elle ne change plus."))
        return True
    if meeting.has_started:
        messages.error(
            request,
            _("Cette RCP a déjà eu lieu : ses personnes invitées restent dans son historique."),
        )
        return True
    return False


@require_http_methods(["GET", "POST"])
def guest_add(request, pk: int):
    """The form of the meeting's page, on a page of its own (and again with
    its errors). A guest added after the agenda left receives it at once."""
    meeting = get_meeting(request, pk, organise=True)
    if _guests_closed(request, meeting):
        return redirect(meeting_url(meeting, ANCHOR))
    # A double click finds the guest added: back to them, not « déjà invitée ».
    if replayed := replay_if_submitted(request, prefix=GUEST_PREFIX):
        return replayed
    form = GuestForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            guest = form.save(commit=False)
            guest.added_by = request.user
            guest.save()
            if meeting.agenda_sent_at and invitations.send_guest_agenda(
                guest, meeting=meeting, organizer=meeting.organizer_email()
            ):
                text = _("%(name)s figure parmi les personnes invitées et a reçu l'ordre du jour.")
            else:
                text = _(
                    "%(name)s figure parmi les personnes invitées : l'ordre du jour lui sera "
                    "envoyé avec celui des membres."
                )
            messages.success(request, text % {"name": guest.name})
            return meeting_url(meeting, ANCHOR)

        return submit_once(request, form, create)
    return render(
        request,
        "rcp/guest_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )


@require_POST
def guest_remove(request, pk: int):
    """The guest removed (once per click); told so if the agenda had reached them."""
    guest = get_object_or_404(Guest.objects.select_related("meeting"), pk=pk)
    meeting = get_meeting(request, guest.meeting_id, organise=True)
    guest.meeting = meeting
    back = meeting_url(meeting, ANCHOR)
    if _guests_closed(request, meeting):
        return redirect(back)

    def remove() -> str:
        invitations.send_guest_withdrawn(guest)
        guest.delete()
        messages.success(
            request,
            _("%(name)s ne fait plus partie des personnes invitées.") % {"name": guest.name},
        )
        return back

    return act_once(request, remove, back=back)


@login_not_required
@require_http_methods(["GET", "POST"])
def guest_answer(request, token: str):
    """The outside guest's page, opened by the links of their e-mail: that
    meeting's title, date, place and agenda, and their answer — preselected
    by the link, confirmed by one button (a GET records nothing). The signed
    token names the guest and the meeting; it is a 404 once forged, once the
    guest is removed and once the meeting is over."""
    guest = Guest.from_token(token)
    if guest is None or guest.link_expired:
        raise Http404
    meeting = guest.meeting
    if meeting.is_cancelled:
        return render(
            request,
            "rcp/answer_refused.html",
            {
                "reason": _("Cette RCP a été annulée : ce lien n'est plus valable."),
                "meeting": meeting,
            },
            status=410,
        )
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if not form.is_valid():
            add_form_errors(request, form)
            return redirect(request.path)

        def record() -> str:
            guest.respond(form.cleaned_data["answer"])
            messages.success(request, ANSWER_RECORDED[guest.answer])
            return request.path

        try:
            return act_once(request, record, back=request.path)
        except ValidationError as error:
            add_validation_errors(request, error)
        return redirect(request.path)
    form = AnswerForm.preselected(
        asked=request.GET.get(invitations.ANSWER_PARAMETER, ""), current=guest.answer
    )
    items = list(meeting.items.on_agenda().select_related("presenter"))
    return render(
        request,
        "rcp/guest_answer.html",
        {"guest": guest, "meeting": meeting, "items": items, "form": form},
    )
