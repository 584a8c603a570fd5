"""Access to requests and facilitations, in one place.

Every protected object is fetched through its `visible_to(user)` queryset
(404 otherwise), then checked for the change asked (403). Also declares the
facilitations' facilitator area for the access gate (gecolib/middleware.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area

from .models import Facilitation, FacilitationRequest, FollowUpAction, Session

# A professional's own request pages: open to facilitators as requesters,
# charter or not.
OWN_REQUEST_PAGES = frozenset(
    {"request_create", "request_list", "request_detail", "request_message"}
)
# The questionnaire of a closed facilitation, opened by its signed link by
# whoever holds it, signed in or not.
PUBLIC_PAGES = frozenset({"feedback_answer"})


def get_request_for(request: HttpRequest, pk: int, *, staff: bool = False) -> FacilitationRequest:
    """The request `pk` if the user sees it; `staff=True` for a staff decision (403)."""
    obj = get_object_or_404(
        FacilitationRequest.objects.visible_to(request.user).select_related(
            "requester", "structure", "epci__department", "reviewer", "decided_by"
        ),
        pk=pk,
    )
    if staff and not request.user.is_staff:
        raise PermissionDenied
    return obj


def get_facilitation_for(request: HttpRequest, pk: int, *, log: bool = False) -> Facilitation:
    """The facilitation `pk` if the user sees it; `log=True` to write in its
    log (the current binôme and staff, 403 for the others)."""
    facilitation = get_object_or_404(
        Facilitation.objects.visible_to(request.user).select_related("structure", "request"),
        pk=pk,
    )
    if log and not facilitation.can_log(request.user):
        raise PermissionDenied
    return facilitation


def get_session_for(request: HttpRequest, pk: int, *, edit: bool = False) -> Session:
    """The session `pk` if the user sees it; `edit=True` to change it (403)."""
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related("facilitation__structure"), pk=pk
    )
    if edit and not session.facilitation.can_edit_session(request.user):
        raise PermissionDenied
    return session


def get_follow_up_for(request: HttpRequest, pk: int, *, toggle: bool = False) -> FollowUpAction:
    """The follow-up `pk` if the user sees it; `toggle=True` to mark it done or
    not done (403)."""
    follow_up = get_object_or_404(
        FollowUpAction.objects.visible_to(request.user).select_related(
            "facilitation", "assignee", "session"
        ),
        pk=pk,
    )
    if toggle and not follow_up.can_toggle(request.user):
        raise PermissionDenied
    return follow_up


@register_facilitator_area
def facilitator_pages(match: ResolverMatch) -> bool:
    """The facilitations app, but for a professional's own request pages and
    the questionnaire's signed link."""
    return (
        match.namespace == "facilitations"
        and match.url_name not in OWN_REQUEST_PAGES
        and match.url_name not in PUBLIC_PAGES
    )
