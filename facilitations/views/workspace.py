"""The facilitator's workspace: their facilitations, overdue follow-ups first."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gecolib.access import facilitator_required
from gecolib.pagination import paginate

from ..forms import WorkspaceFilter
from ..models import Facilitation


@facilitator_required
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    filterset = WorkspaceFilter(
        request.GET, queryset=Facilitation.objects.visible_to(request.user), request=request
    )
    facilitations = (
        filterset.qs.with_activity()
        .with_list_related_data()
        .order_by(
            "has_overdue",
            F("next_session_date").asc(nulls_last=True),
            F("last_session_date").desc(nulls_last=True),
            "pk",
        )
    )
    page = paginate(request, facilitations, ids_first=True)
    return render(
        request,
        "facilitations/workspace.html",
        {
            "page": page,
            "form": filterset.form,
            "show_log": filterset.chosen_scope != WorkspaceFilter.PAST,
            "filtered": not filterset.is_default,
        },
    )
