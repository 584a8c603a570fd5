"""The invitee's side of an invitation: nobody joins a team without saying yes.

The signed-in user sees the invitations sent to their verified addresses
(`invitations`), and each one through the signed link of its e-mail
(`invitation`), where they join the team or decline. A visitor is asked to
sign in or sign up with the invited address first and comes back to the link;
an account with another address is told so and can answer nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.messages import add_validation_errors

from ..models import Invitation


def _invitation(token: str) -> Invitation:
    pk = Invitation.pk_from_token(token)
    if pk is None:
        raise Http404
    return get_object_or_404(Invitation.objects.select_related("structure", "invited_by"), pk=pk)


@require_GET
def invitation_list(request: HttpRequest) -> HttpResponse:
    invitations = (
        Invitation.objects.addressed_to(request.user)
        .pending()
        .select_related("structure", "invited_by")
        .order_by("-created_at")
    )
    return render(request, "structures/invitations/list.html", {"invitations": list(invitations)})


@login_not_required
@require_GET
def invitation_detail(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    if not request.user.is_authenticated:
        # Nothing about the team before the visitor proves the address is theirs.
        return render(request, "structures/invitations/sign_in.html", {"next": request.path})
    if not invitation.is_addressed_to(request.user):
        return render(
            request, "structures/invitations/wrong_account.html", {"next": request.path}, status=403
        )
    return render(request, "structures/invitations/detail.html", {"invitation": invitation})


def _answer(request: HttpRequest, token: str, accept: bool) -> HttpResponse:
    invitation = _invitation(token)
    if not invitation.is_addressed_to(request.user):
        return render(
            request, "structures/invitations/wrong_account.html", {"next": request.path}, status=403
        )
    try:
        if accept:
            invitation.accept(by=request.user)
        else:
            invitation.decline(by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("structures:invitations")
    if accept:
        messages.success(
            request,
            _("Vous avez rejoint l'équipe « %(structure)s ».")
            % {"structure": invitation.structure.name},
        )
        return redirect("structures:detail", pk=invitation.structure_id)
    messages.success(
        request,
        _("Vous avez décliné l'invitation de « %(structure)s ».")
        % {"structure": invitation.structure.name},
    )
    return redirect("structures:invitations")


@require_POST
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(request, token, accept=True)


@require_POST
def invitation_decline(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(request, token, accept=False)
