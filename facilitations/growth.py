"""The facilitations' share of the large benchmark database
(gecolib/growth.py): 10,000 requests, 5,000 facilitations opened from the
accepted ones with their binôme, and ten years of log — 32,000 sessions with
their participants and help given, 16,000 follow-up actions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gecolib.enums import FacilitatorKind
from gecolib.growth import BATCH, Growth, analyze, register_growth
from gecolib.models import User

from .enums import FacilitationStatus, Phase, RequestStatus, SessionMode
from .models import (
    Assignment,
    Facilitation,
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)
from .stats import forget_statistics

DESCRIPTION = "Notre équipe souhaite être accompagnée pour écrire son projet de santé."
SUMMARY = "Travail sur le projet de santé : diagnostic du territoire et priorités de l'équipe."
STATUSES = [RequestStatus.ACCEPTED] * 5 + [
    RequestStatus.SUBMITTED,
    RequestStatus.UNDER_REVIEW,
    RequestStatus.REDIRECTED,
    RequestStatus.DECLINED,
    RequestStatus.SUBMITTED,
]
OPEN = [FacilitationStatus.IN_PROGRESS] * 3 + [FacilitationStatus.PAUSED]
CLOSED = [FacilitationStatus.DONE, FacilitationStatus.ABANDONED]


@register_growth
def facilitations(growth: Growth) -> dict:
    rng = growth.rng
    users = growth.made.get("users", [])
    structures = growth.made.get("structures", [])
    epcis = growth.made.get("epcis", [])
    professions = growth.made.get("professions", [])
    if not (users and structures and epcis):
        return {}
    now = timezone.now()
    today = timezone.localdate()
    needs = list(Need.objects.all())
    helps = list(HelpType.objects.values_list("pk", flat=True))

    requests = []
    for index in range(growth.count(10_000)):
        created = now - datetime.timedelta(days=rng.randint(0, 3650), minutes=rng.randint(0, 1440))
        status = STATUSES[index % len(STATUSES)]
        requests.append(
            FacilitationRequest(
                requester_id=users[rng.randrange(len(users))],
                structure_id=structures[index % len(structures)],
                epci_id=rng.choice(epcis),
                description=DESCRIPTION,
                status=status,
                created_at=created,
                decided_at=created + datetime.timedelta(days=7)
                if status not in (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW)
                else None,
            )
        )
    requests = FacilitationRequest.objects.bulk_create(requests, batch_size=BATCH)
    if needs:
        FacilitationRequest.needs.through.objects.bulk_create(
            [
                FacilitationRequest.needs.through(
                    facilitationrequest_id=r.pk, need_id=rng.choice(needs).pk
                )
                for r in requests
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )

    accepted = [r for r in requests if r.status == RequestStatus.ACCEPTED][: growth.count(5_000)]
    facilitations = []
    for request in accepted:
        opened = request.created_at + datetime.timedelta(days=10)
        closed = rng.random() < 0.4
        facilitations.append(
            Facilitation(
                structure_id=request.structure_id,
                request=request,
                status=rng.choice(CLOSED if closed else OPEN),
                opened_at=opened,
                closed_at=opened + datetime.timedelta(days=rng.randint(60, 500))
                if closed
                else None,
            )
        )
    facilitations = Facilitation.objects.bulk_create(facilitations, batch_size=BATCH)

    facilitators = {
        kind: list(
            User.objects.filter(pk__in=users, facilitator_kind=kind).values_list("pk", flat=True)
        )
        for kind in (FacilitatorKind.HEALTH_PROFESSIONAL, FacilitatorKind.PROJECT_OFFICER)
    }
    assignments = [
        Assignment(
            facilitation=facilitation,
            user_id=rng.choice(pool),
            kind=kind,
            started_at=facilitation.opened_at,
        )
        for facilitation in facilitations
        for kind, pool in facilitators.items()
        if pool
    ]
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)

    sessions = []
    for number in range(growth.count(32_000)):
        facilitation = facilitations[number % len(facilitations)]
        start = timezone.localdate(facilitation.opened_at)
        day = start + datetime.timedelta(days=rng.randint(0, 400))
        sessions.append(
            Session(
                facilitation=facilitation,
                date=min(day, today),
                duration_minutes=rng.choice([60, 90, 120, 150]),
                mode=rng.choice(list(SessionMode)),
                phase=rng.choice(list(Phase)),
                shared_summary=SUMMARY,
            )
        )
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)
    if helps:
        Session.help_given.through.objects.bulk_create(
            [
                Session.help_given.through(session_id=s.pk, helptype_id=rng.choice(helps))
                for s in sessions
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
    if professions:
        SessionParticipation.objects.bulk_create(
            [
                SessionParticipation(session=s, profession_id=p, count=rng.randint(1, 4))
                for s in sessions
                for p in set(rng.sample(professions, 2))
            ],
            batch_size=BATCH,
        )
    FollowUpAction.objects.bulk_create(
        [
            FollowUpAction(
                facilitation_id=session.facilitation_id,
                session=session,
                title="Relire la section « territoire » du projet de santé",
                due_date=session.date + datetime.timedelta(days=rng.randint(7, 60)),
                done_at=now if rng.random() < 0.6 else None,
            )
            for session in sessions[: growth.count(16_000)]
        ],
        batch_size=BATCH,
    )
    analyze(Facilitation, Session, FollowUpAction)
    Facilitation.objects.filter(pk__in=[f.pk for f in facilitations]).refresh_activity()
    forget_statistics()
    return {"facilitations": [f.pk for f in facilitations]}
