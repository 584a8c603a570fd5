"""Panels of the signed-in dashboard: the user's structures and the invitations
waiting for their answer; for staff, the next CARPEC session. A fixed number of
queries whatever the data size."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels, register_public_figures
from gecolib.text import with_article
from gecolib.todos import Todo, register_todos

from .enums import MembershipRole
from .models import CarpecReview, CarpecSession, Invitation, Membership, Structure


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    result = []
    # One query: current memberships, their structure and, for coordinators,
    # the structure's pending invitations counted in SQL.
    memberships = list(
        Membership.objects.current()
        .filter(user=user)
        .select_related("structure")
        .annotate(
            health_project_status=F("structure__health_project__status"),
            pending_invitations=Count(
                "structure__invitations",
                filter=Q(
                    structure__invitations__accepted_at__isnull=True,
                    structure__invitations__declined_at__isnull=True,
                    structure__invitations__cancelled_at__isnull=True,
                ),
            ),
        )
        .order_by("structure__name")
    )
    # One query: the invitations waiting for this user's own answer.
    invitations_waiting = Invitation.objects.addressed_to(user).pending().count()
    if memberships or invitations_waiting:
        result.append(
            (
                "structures/_panel_structures.html",
                {
                    "memberships": memberships,
                    "coordinator_role": MembershipRole.COORDINATOR,
                    "invitations_waiting": invitations_waiting,
                },
            )
        )
    if user.is_staff:
        # Two queries: the next session, its reviews with their structures.
        session = (
            CarpecSession.objects.upcoming()
            .prefetch_related(
                Prefetch(
                    "reviews",
                    queryset=CarpecReview.objects.select_related("structure").order_by(
                        "structure__name"
                    ),
                )
            )
            .first()
        )
        result.append(("structures/_panel_carpec.html", {"session": session}))
    return result


@register_public_figures
def public_figures() -> dict:
    """The recognised structures, and where the public directory lists them."""
    return {
        "recognised": Structure.objects.recognised().count(),
        "directory_url": reverse("structures:directory"),
    }


@register_todos
def todos(user) -> list[Todo]:
    """The invitations to join a team waiting for the user's answer (1 query)."""
    invitations = (
        Invitation.objects.addressed_to(user)
        .pending()
        .select_related("structure")
        .order_by("created_at", "pk")[:20]
    )
    return [
        Todo(
            key=f"structures-invitation-{invitation.pk}",
            label=_("Répondre à l'invitation à rejoindre %(team)s")
            % {"team": with_article(invitation.structure.name)},
            url=reverse("structures:invitations"),
            topic=_("Équipe"),
            since=timezone.localdate(invitation.created_at),
        )
        for invitation in invitations
    ]
