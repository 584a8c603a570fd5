"""Members propose agenda items; organisers accept, decline or reorder them.

A current member of the structure proposes a case or a topic for a meeting
to come (« proposé »: not on the agenda yet, no case label). The organisers
see it on the meeting's page and on their dashboard (« Points proposés à
examiner ») and put it on the agenda — last, a case numbered then — or
decline it; they move the agenda's items up and down. Every button carries a
one-time token: a double click accepts or moves once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.idempotency import act_once, submit_once
from gecolib.messages import add_validation_errors

from ..access import can_organise, get_item, get_meeting, is_member
from ..enums import ItemStatus
from ..forms import AgendaItemForm
from .agenda import agenda_closed
from .meetings import meeting_url


@require_http_methods(["GET", "POST"])
def item_propose(request, pk: int):
    """A member proposes an item for a meeting to come."""
    meeting = get_meeting(request, pk)
    if not is_member(request.user, meeting.structure):
        raise PermissionDenied
    if agenda_closed(request, meeting):
        return redirect(meeting)
    form = AgendaItemForm(request.POST or None, meeting=meeting, author_only=True)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            item = form.save(commit=False)
            item.meeting, item.status = meeting, ItemStatus.PROPOSED
            item.proposed_by = item.presenter = request.user
            item.save()
            messages.success(
                request,
                _(
                    "Votre proposition est transmise aux organisateurs de la RCP : elle "
                    "rejoint l'ordre du jour une fois acceptée."
                ),
            )
            return meeting_url(meeting, "propositions")

        return submit_once(request, form, create)
    return render(
        request,
        "rcp/item_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form, "proposal": True},
    )


def _organised_item(request, pk: int):
    item = get_item(request, pk)
    if not can_organise(request.user, item.meeting.structure):
        raise PermissionDenied
    return item


def _review(request, pk: int, accept: bool):
    item = _organised_item(request, pk)
    back = meeting_url(item.meeting, "propositions")

    def review() -> str:
        if accept:
            item.accept()
            if item.case_label:
                messages.success(
                    request,
                    _("Le cas %(label)s est à l'ordre du jour.") % {"label": item.case_label},
                )
            else:
                messages.success(request, _("Le point proposé est à l'ordre du jour."))
            return meeting_url(item.meeting, "ordre-du-jour")
        item.decline()
        messages.success(
            request,
            _("La proposition est refusée ; la personne qui l'a faite le voit sur cette page."),
        )
        return back

    try:
        return act_once(request, review, back=back)
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(back)


@require_POST
def item_accept(request, pk: int):
    return _review(request, pk, accept=True)


@require_POST
def item_decline(request, pk: int):
    return _review(request, pk, accept=False)


@require_POST
def item_move(request, pk: int):
    """One place up or down on the agenda (`direction`: « up », « down »)."""
    item = _organised_item(request, pk)
    back = meeting_url(item.meeting, "ordre-du-jour")
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None or not item.is_on_agenda:
        messages.error(request, _("Ce point ne peut pas être déplacé."))
        return redirect(back)
    if item.meeting.is_cancelled or item.meeting.minutes_validated:
        messages.error(request, _("Cet ordre du jour ne change plus."))
        return redirect(back)

    def move() -> str:
        if item.move(step):
            messages.success(request, _("L'ordre du jour a été réorganisé."))
        return back

    return act_once(request, move, back=back)
