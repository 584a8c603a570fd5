from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import act_once, submit_once
from gecolib.messages import add_form_errors, add_validation_errors

from .. import invitations
from ..access import can_edit_item, can_organise, get_item, get_meeting
from ..concurrency import EditedMeanwhile
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


def agenda_closed(request, meeting) -> bool:
    """A cancelled or past meeting takes no new item (nor proposal): said in French."""
    if meeting.is_cancelled:
        messages.error(request, _("Cette RCP est annulée : elle ne change plus."))
        return True
    if meeting.has_started:
        messages.error(
            request,
            _("Cette RCP a déjà eu lieu : on n'ajoute plus de point à son ordre du jour."),
        )
        return True
    return False


@require_http_methods(["GET", "POST"])
def item_create(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if agenda_closed(request, meeting):
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
    """An organiser edits any item; the item's proposer or presenter edits
    their own until the agenda is sent (a proposal: until it is examined).
    Once the minutes are validated, items no longer change."""
    item = get_item(request, pk)
    meeting = item.meeting
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    if meeting.minutes_validated or meeting.is_cancelled:
        messages.error(
            request,
            _("Le compte rendu est validé : ses points ne changent plus.")
            if meeting.minutes_validated
            else _("Cette RCP est annulée : elle ne change plus."),
        )
        return redirect(meeting_url(meeting, "ordre-du-jour"))
    organiser = can_organise(request.user, meeting.structure)
    form = AgendaItemForm(
        request.POST or None, instance=item, meeting=meeting, author_only=not organiser
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except EditedMeanwhile as error:
            # The text typed stays in the form; the saved one is shown beside it.
            current = error.current
            form.start_from(current.version)
            form.add_error(None, error)
        else:
            messages.success(request, _("Le point de l'ordre du jour a été modifié."))
            return redirect(meeting_url(meeting, "ordre-du-jour"))
    return render(
        request,
        "rcp/item_form.html",
        {
            "meeting": meeting,
            "structure": meeting.structure,
            "form": form,
            "item": item,
            "current": current,
        },
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
    """« Envoyer l'ordre du jour »: once per click of the page (one-time
    token), however often the button is pressed."""
    meeting = get_meeting(request, pk, organise=True)
    if meeting.has_started:
        messages.error(request, _("Cette RCP a déjà eu lieu : l'ordre du jour n'est plus envoyé."))
        return redirect(meeting)

    def send() -> str:
        sent = invitations.send_agenda(meeting)
        if not sent.total:
            messages.warning(
                request,
                _(
                    "L'ordre du jour est enregistré comme envoyé, mais personne n'est invité : "
                    "aucun e-mail n'est parti."
                ),
            )
            return meeting.get_absolute_url()
        messages.success(request, agenda_sent_message(sent))
        return meeting.get_absolute_url()

    try:
        return act_once(request, send, back=meeting.get_absolute_url())
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect(meeting)


def agenda_sent_message(sent: invitations.AgendaSent) -> str:
    """« … envoyés à 4 membres », « … à 1 membre et à 2 personnes invitées
    hors de l'équipe »."""
    members = ngettext("%(count)d membre", "%(count)d membres", sent.members) % {
        "count": sent.members
    }
    if not sent.guests:
        return _("L'ordre du jour et l'invitation ont été envoyés à %(members)s.") % {
            "members": members
        }
    guests = ngettext(
        "%(count)d personne invitée hors de l'équipe",
        "%(count)d personnes invitées hors de l'équipe",
        sent.guests,
    ) % {"count": sent.guests}
    if not sent.members:
        return _("L'ordre du jour et l'invitation ont été envoyés à %(guests)s.") % {
            "guests": guests
        }
    return _("L'ordre du jour et l'invitation ont été envoyés à %(members)s et à %(guests)s.") % {
        "members": members,
        "guests": guests,
    }


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
    messages.success(request, ANSWER_RECORDED[invitee.answer])
    return True


ANSWER_RECORDED = {
    Answer.PRESENT: _lazy("C'est noté : vous serez là."),
    Answer.EXCUSED: _lazy("C'est noté : votre absence est excusée."),
    Answer.MAYBE: _lazy(
        "C'est noté : peut-être. Confirmez dès que vous savez, avec le même lien, "
        "jusqu'au début de la réunion."
    ),
}


ANSWER_LINK_REFUSALS = {
    # problem: (HTTP status, what the page says)
    "other_account": (
        403,
        _lazy(
            "Ce lien de réponse est personnel : il a été envoyé à un autre membre invité. "
            "Pour répondre à vos propres invitations, ouvrez le lien de votre e-mail ou la "
            "page de la réunion sur le portail."
        ),
    ),
    "left": (
        410,
        _lazy(
            "Ce lien de réponse n'est plus valable : il était réservé aux membres de "
            "l'équipe qui organise la réunion."
        ),
    ),
    "cancelled": (410, _lazy("Cette RCP a été annulée : ce lien de réponse n'est plus valable.")),
    "over": (
        410,
        _lazy("Cette RCP a commencé ou a déjà eu lieu : ce lien de réponse a expiré."),
    ),
}


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    """The answer links of the agenda e-mail (« je serai là », « je ne
    pourrai pas venir », « peut-être »): the signed token names the invited
    member and their account, no sign-in is needed for this one action.
    GET shows the meeting and the answer the link asked for, preselected,
    with one button to confirm — it records nothing (mail scanners open
    links); POST records the answer, which may change until the meeting
    starts. The link expires when the meeting starts, and no longer works
    for a member who left or for another signed-in account: a page says why.
    The page shows the meeting's title, date and place only (never its agenda)."""
    invitee = Invitee.from_token(token)
    if invitee is None:
        raise Http404
    problem = invitee.link_problem(request.user)
    if problem is not None:
        status, reason = ANSWER_LINK_REFUSALS[problem]
        return render(
            request,
            "rcp/answer_refused.html",
            {
                "reason": reason,
                # The meeting is named to its own member only.
                "meeting": invitee.meeting if problem in ("cancelled", "over") else None,
            },
            status=status,
        )
    if request.method == "POST":
        _record_answer(request, invitee)
        return redirect(request.path)
    form = AnswerForm.preselected(
        asked=request.GET.get(invitations.ANSWER_PARAMETER, ""), current=invitee.answer
    )
    return render(
        request, "rcp/answer.html", {"invitee": invitee, "meeting": invitee.meeting, "form": form}
    )


@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if not meeting.has_started or meeting.is_cancelled:
        messages.error(request, _("La présence se renseigne une fois la RCP tenue."))
        return redirect(meeting)
    if meeting.minutes_validated:
        messages.error(
            request,
            _("Le compte rendu est validé : la présence qu'il donne ne change plus."),
        )
        return redirect(meeting_url(meeting, "presence"))
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
