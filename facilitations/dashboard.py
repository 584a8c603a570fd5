"""Dashboard panels of the facilitation workflow (see gecolib.views.home)."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, IntegerField, Min, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gecolib.dashboard import register_panels, register_public_figures
from gecolib.todos import Todo, register_todos
from structures.models import Membership

from .enums import CLOSED_FACILITATION_STATUSES, FacilitationStatus
from .models import Assignment, Facilitation, FacilitationRequest, FollowUpAction

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
        # Facilitators are not asked whether their team has a project: their
        # requests panel shows only when they filed one.
        if requests or not user.is_facilitator:
            result.append(
                (
                    "facilitations/panels/_my_requests.html",
                    {"requests": requests[:PANEL_SIZE], "more": len(requests) > PANEL_SIZE},
                )
            )
    return result


# Follow-up actions are listed from this many days before their due date.
FOLLOW_UP_NOTICE = datetime.timedelta(days=14)
TODO_SIZE = 20


@register_todos
def todos(user) -> list[Todo]:
    """Staff: the triage queue, one line. Anyone: the open follow-up actions
    assigned to them, due within two weeks or overdue; the requests they
    filed with an unread answer (3 queries at most)."""
    result: list[Todo] = []
    if user.is_staff:
        waiting = FacilitationRequest.objects.open().aggregate(
            n=Count("pk"), oldest=Min("created_at")
        )
        if waiting["n"]:
            result.append(
                Todo(
                    key="facilitations-triage",
                    label=ngettext(
                        "Examiner la demande d'accompagnement en attente",
                        "Examiner les %(count)d demandes d'accompagnement en attente",
                        waiting["n"],
                    )
                    % {"count": waiting["n"]},
                    url=reverse("facilitations:triage"),
                    topic=_("Accompagnement"),
                    since=timezone.localdate(waiting["oldest"]),
                )
            )
    horizon = timezone.localdate() + FOLLOW_UP_NOTICE
    actions = (
        FollowUpAction.objects.visible_to(user)
        .open()
        .filter(assignee=user, due_date__lte=horizon)
        .select_related("facilitation__structure")
        .order_by("due_date", "pk")[:TODO_SIZE]
    )
    result += [
        Todo(
            key=f"facilitations-follow-up-{action.pk}",
            label=_("Action de suivi : %(title)s (%(team)s)")
            % {"title": action.title, "team": action.facilitation.structure.name},
            url=reverse("facilitations:detail", args=[action.facilitation_id])
            + f"#suivi-{action.pk}",
            topic=_("Accompagnement"),
            due=action.due_date,
        )
        for action in actions
    ]
    answered = (
        FacilitationRequest.objects.filter(requester=user)
        .with_unread_messages(user)
        .order_by("-created_at", "pk")[:TODO_SIZE]
    )
    result += [
        Todo(
            key=f"facilitations-request-{request.pk}",
            label=_("Lire la réponse à votre demande « %(team)s »") % {"team": request.team_name},
            url=reverse("facilitations:request_detail", args=[request.pk]),
            topic=_("Accompagnement"),
        )
        for request in answered
    ]
    return result


@register_public_figures
def public_figures() -> dict:
    return {
        "in_progress": Facilitation.objects.filter(status=FacilitationStatus.IN_PROGRESS).count()
    }
