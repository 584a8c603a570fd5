"""Dashboard panels of the facilitation workflow (see gecolib.views.home)."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Value, When

from gecolib.dashboard import register_panels, register_public_figures
from structures.models import Membership

from .enums import CLOSED_FACILITATION_STATUSES, FacilitationStatus
from .models import Assignment, Facilitation, FacilitationRequest

PANEL_SIZE = 5


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    """Professional: their requests and their teams' facilitations; facilitator:
    their open facilitations with overdue follow-ups and next sessions; staff:
    requests awaiting triage."""
    result: list[tuple[str, dict]] = []
    if user.is_staff:
        # 3 queries: count, those with a message this staff member has not
        # read, the oldest few with their EPCI.
        waiting = FacilitationRequest.objects.open()
        result.append(
            (
                "facilitations/panels/_triage.html",
                {
                    "open_count": waiting.count(),
                    "unread_count": FacilitationRequest.objects.with_unread_messages(user).count(),
                    "oldest": list(
                        waiting.select_related("structure", "epci__department").order_by(
                            "created_at"
                        )[:PANEL_SIZE]
                    ),
                },
            )
        )
    if user.is_facilitator:
        # 2 queries: count, the first few with activity annotations.
        mine = Facilitation.objects.currently_assigned_to(user).open()
        facilitations = list(
            mine.with_activity()
            .select_related("structure")
            .order_by("has_overdue", F("next_session_date").asc(nulls_last=True), "pk")[:PANEL_SIZE]
        )
        result.append(
            (
                "facilitations/panels/_my_facilitations.html",
                {"facilitations": facilitations, "total": mine.count()},
            )
        )
    if not user.is_staff:
        # 1 query: the facilitations of my teams (or that followed my request),
        # open ones first; the binôme finds its own in « Mes facilitations ».
        # The two ways in, united by id: each reads its own index (an OR
        # across the joined tables would read every facilitation).
        followed = (
            Facilitation.objects.filter(
                structure__in=Membership.objects.current().filter(user=user).values("structure")
            )
            .order_by()
            .values("pk")
            .union(Facilitation.objects.filter(request__requester=user).order_by().values("pk"))
        )
        teams = list(
            Facilitation.objects.filter(pk__in=followed)
            .exclude(pk__in=Assignment.objects.filter(user=user).values("facilitation"))
            .with_activity()
            .select_related("structure")
            .annotate(
                closed_rank=Case(
                    When(status__in=CLOSED_FACILITATION_STATUSES, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("closed_rank", "-opened_at", "pk")[:PANEL_SIZE]
        )
        if teams:
            result.append(
                (
                    "facilitations/panels/_my_teams.html",
                    {"facilitations": teams},
                )
            )
        # 1 query: the latest requests (plus one to tell if there are more).
        requests = list(
            FacilitationRequest.objects.filter(requester=user)
            .with_unread_count(user)
            .select_related("structure")
            .order_by("-created_at")[: PANEL_SIZE + 1]
        )
        result.append(
            (
                "facilitations/panels/_my_requests.html",
                {"requests": requests[:PANEL_SIZE], "more": len(requests) > PANEL_SIZE},
            )
        )
    return result


@register_public_figures
def public_figures() -> dict:
    return {
        "in_progress": Facilitation.objects.filter(status=FacilitationStatus.IN_PROGRESS).count()
    }
