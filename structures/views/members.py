"""Coordinators (and staff) manage a structure's members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page, confirmation
from gecolib.idempotency import replay_if_submitted, submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.text import de

from ..access import get_structure
from ..forms import InvitationForm, MembershipEndForm, MembershipRoleForm
from ..models import Structure


def _render(request: HttpRequest, structure: Structure, invite_form=None) -> HttpResponse:
    memberships = structure.memberships.select_related("user__profession").order_by(
        "end_date", "user__last_name", "user__email"
    )
    current = [m for m in memberships if m.is_current]
    past = [m for m in memberships if not m.is_current]
    return render(
        request,
        "structures/members.html",
        {
            "structure": structure,
            "current": [
                {
                    "membership": m,
                    "role_form": MembershipRoleForm(instance=m, prefix=f"m{m.pk}"),
                    "end": membership_end_confirmation(
                        structure, m, MembershipEndForm(instance=m, prefix=f"e{m.pk}")
                    ),
                }
                for m in current
            ],
            "past": past,
            "invitations": structure.invitations.pending().select_related("invited_by"),
            # The invitees' answers, latest first: the coordinator sees each decision.
            "answered": structure.invitations.answered()
            .select_related("answered_by")
            .order_by(Coalesce("accepted_at", "declined_at").desc())[:10],
            "invite_form": invite_form or InvitationForm(structure=structure),
            "team_warnings": structure.team_warnings(current),
        },
    )


@require_GET
def members(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, manage=True)
    return _render(request, structure)


@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, manage=True)
    if replayed := replay_if_submitted(request):
        return replayed
    form = InvitationForm(request.POST, structure=structure)
    if not form.is_valid():
        return _render(request, structure, invite_form=form)

    def create() -> str:
        invitation = structure.invite(
            form.cleaned_data["email"], form.cleaned_data["role"], by=request.user
        )
        # The same answer whoever owns the address: joining is the invitee's choice.
        messages.success(
            request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
        )
        return reverse("structures:members", args=[structure.pk])

    try:
        return submit_once(request, form, create)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("structures:members", pk=structure.pk)


@require_POST
def membership_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, manage=True)
    membership = get_object_or_404(structure.memberships, pk=membership_pk)
    form = MembershipRoleForm(request.POST, instance=membership, prefix=f"m{membership.pk}")
    if not form.is_valid():
        add_form_errors(request, form)
        return redirect("structures:members", pk=structure.pk)
    role = form.cleaned_data["role"]
    membership.refresh_from_db()  # the form wrote the new role onto the instance
    try:
        membership.change_role(role, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("Rôle %(of_user)s : %(role)s.")
            % {"of_user": de(membership.user.display_name), "role": membership.get_role_display()},
        )
    return redirect("structures:members", pk=structure.pk)


def membership_end_confirmation(structure, membership, form) -> dict:
    """The context of the dialog (members' page) and of the page that confirm
    the end of a membership."""
    return confirmation(
        dialog_id=f"terminer-{membership.pk}",
        title=_("Mettre fin à l'adhésion %(of_user)s ?")
        % {"of_user": de(membership.user.display_name)},
        body_template="structures/_confirm_membership_end.html",
        action=reverse("structures:membership_end", args=[structure.pk, membership.pk]),
        confirm_label=_("Mettre fin à l'adhésion"),
        cancel_url=reverse("structures:members", args=[structure.pk]),
        form=form,
        membership=membership,
        structure=structure,
    )


@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """GET: the confirmation page (the members' page opens the same words in a
    dialog). POST: the end of the membership, at the date given."""
    structure = get_structure(request, pk, private=True, manage=True)
    membership = get_object_or_404(structure.memberships.select_related("user"), pk=membership_pk)
    form = MembershipEndForm(request.POST or None, instance=membership, prefix=f"e{membership.pk}")
    if request.method == "GET" or not form.is_valid():
        return confirm_page(request, membership_end_confirmation(structure, membership, form))
    end_date = form.cleaned_data["end_date"]
    membership.refresh_from_db()
    try:
        membership.end(by=request.user, date=end_date)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("%(user)s ne fait plus partie de l'équipe.") % {"user": membership.user.display_name},
        )
    return redirect("structures:members", pk=structure.pk)


@require_POST
def invitation_cancel(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, manage=True)
    invitation = get_object_or_404(structure.invitations, pk=invitation_pk)
    try:
        invitation.cancel(by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(
            request, _("Invitation %(of_email)s annulée.") % {"of_email": de(invitation.email)}
        )
    return redirect("structures:members", pk=structure.pk)
