"""Shared access helpers: every protected object is fetched through its
`visible_to(user)` queryset (404 otherwise), then checked for the change
asked (403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Facilitation, FacilitationRequest


def get_request_for(request, pk: int, *, staff: bool = False) -> FacilitationRequest:
    obj = get_object_or_404(
        FacilitationRequest.objects.visible_to(request.user).select_related(
            "requester", "structure", "epci__department", "reviewer", "decided_by"
        ),
        pk=pk,
    )
    if staff and not request.user.is_staff:
        raise PermissionDenied
    return obj


def get_facilitation_for(request, pk: int, *, log: bool = False) -> Facilitation:
    facilitation = get_object_or_404(
        Facilitation.objects.visible_to(request.user).select_related("structure", "request"),
        pk=pk,
    )
    if log and not facilitation.can_log(request.user):
        raise PermissionDenied
    return facilitation
