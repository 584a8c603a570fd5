"""The facilitator's workspace: their facilitations, overdue follow-ups first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gecolib.access import facilitator_required
from structures.models import Structure

from ..forms import WorkspaceFilterForm
from ..models import Facilitation


@facilitator_required
def workspace(request: HttpRequest) -> HttpResponse:
    user = request.user
    default_scope = WorkspaceFilterForm.ALL if user.is_staff else WorkspaceFilterForm.MINE
    form = WorkspaceFilterForm.from_query(
        request.GET, {"scope": default_scope, "status": "ouvertes"}, user=user
    )
    facilitations = Facilitation.objects.visible_to(user)
    data = form.cleaned_data if form.is_valid() else {"status": "ouvertes"}
    scope = data.get("scope") or default_scope
    if scope == WorkspaceFilterForm.PAST:
        # Where I was in the binôme and no longer am (read-only for me).
        facilitations = facilitations.assigned_to(user).exclude(
            pk__in=Facilitation.objects.currently_assigned_to(user).values("pk")
        )
    elif scope == WorkspaceFilterForm.MINE:
        facilitations = facilitations.currently_assigned_to(user)
    status = data.get("status")
    if status == "ouvertes":
        facilitations = facilitations.open()
    elif status:
        facilitations = facilitations.filter(status=status)
    if data.get("department"):
        facilitations = facilitations.filter(
            structure__in=Structure.objects.filter(epcis__department=data["department"])
        )
    facilitations = (
        facilitations.with_activity()
        .with_list_related_data()
        .annotate(
            has_overdue=Case(
                When(overdue_count__gt=0, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "has_overdue",
            F("next_session_date").asc(nulls_last=True),
            F("last_session_date").desc(nulls_last=True),
            "pk",
        )
    )
    page = Paginator(facilitations, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "facilitations/workspace.html",
        {
            "page": page,
            "form": form,
            "show_log": scope != WorkspaceFilterForm.PAST,
            # Filters other than the defaults: an empty list is then « no match »,
            # not « nothing assigned to you ».
            "filtered": scope != default_scope
            or status != "ouvertes"
            or bool(data.get("department")),
        },
    )
