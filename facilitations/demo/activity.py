"""The demo's facilitations and their log: a year of activity across the four
Breton departments, each facilitation opened from an accepted request, with
its binôme (sometimes changed along the way), sessions, participants and
follow-up actions."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from gecolib.enums import FacilitatorKind
from gecolib.models import Profession, User
from structures.enums import MembershipRole, StructureKind
from structures.models import Membership, Structure

from ..enums import FacilitationOutcome, FacilitationStatus, Phase, RequestStatus, SessionMode
from ..models import (
    Assignment,
    Facilitation,
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)
from ..stats import forget_statistics
from .people import PROFESSION_CODES
from .structures import facilitated_structures
from .texts import DESCRIPTIONS, FOLLOW_UPS, NEXT_STEPS, PRIVATE_NOTES, SUMMARIES

# The featured facilitation, shown to the demo accounts first.
LAMBALLE = "ESP de Lamballe-Penthièvre"
PHASE_ORDER = [Phase.DEFINITION, Phase.MEASURE, Phase.ANALYSIS, Phase.FOLLOW_UP, Phase.IMPROVEMENT]


@dataclass
class _Log:
    """Sessions and what hangs from them, bulk-created once all are planned."""

    sessions: list[Session] = field(default_factory=list)
    session_helps: list[tuple[Session, list[HelpType]]] = field(default_factory=list)
    participations: list[tuple[Session, list[tuple[Profession, int]]]] = field(default_factory=list)
    follow_ups: list[tuple[Session | None, FollowUpAction]] = field(default_factory=list)


def load_facilitations(
    *,
    rng: random.Random,
    target: int,
    users: dict[str, User],
    staff: User | None,
    pools: dict[str, list[User]],
    requesters: list[User],
    professional: User | None,
    needs: dict[str, Need],
) -> None:
    """Up to `target` facilitations, one per structure without one yet. The
    generator draws the same numbers whatever exists already."""
    today = timezone.localdate()
    helps = list(HelpType.objects.all())
    professions = {p.code: p for p in Profession.objects.filter(code__in=PROFESSION_CODES)}
    structures = facilitated_structures(rng, target)
    lamballe = next((s for s in structures if s.name == LAMBALLE), None)
    if lamballe is not None:
        structures.remove(lamballe)
        structures.insert(0, lamballe)
    already = set(
        Facilitation.objects.filter(structure__in=structures).values_list("structure_id", flat=True)
    )
    log = _Log()

    for index, structure in enumerate(structures[:target]):
        # Always draw, so the sequence stays the same whatever exists already.
        age_days = rng.randint(20, 400)
        status_roll = rng.random()
        if structure.pk in already:
            continue
        featured = index == 0
        if featured:
            age_days, status_roll = 200, 0.0
        requester = professional if featured and professional else requesters[index % 16]
        created = today - datetime.timedelta(days=age_days)
        opened = created + datetime.timedelta(days=rng.randint(5, 20))
        if status_roll < 0.62:
            status = FacilitationStatus.IN_PROGRESS
        elif status_roll < 0.72:
            status = FacilitationStatus.PAUSED
        elif status_roll < 0.92:
            status = FacilitationStatus.DONE
        else:
            status = FacilitationStatus.ABANDONED
        epci = structure.epcis.all()[0] if structure.epcis.all() else None
        if epci is None:
            continue
        if (
            requester is not None
            and not Membership.objects.filter(user=requester, structure=structure).exists()
        ):
            Membership.objects.create(
                user=requester,
                structure=structure,
                role=MembershipRole.COORDINATOR if featured else MembershipRole.MEMBER,
                start_date=created,
            )
        need_codes = _needs_for(structure, rng)
        request = FacilitationRequest.objects.create(
            requester=requester,
            structure=structure,
            epci=epci,
            description=rng.choice(DESCRIPTIONS).format(n=rng.randint(4, 14)),
            availability=rng.choice(["Le jeudi en fin de journée", "Le mardi midi", ""]),
            status=RequestStatus.ACCEPTED,
            created_at=_aware(created, 9),
            decided_at=_aware(opened, 11),
            decided_by=staff,
            reviewer=staff,
        )
        request.needs.set([needs[c] for c in need_codes])
        request.professions.set(rng.sample(list(professions.values()), 3))

        closed_at = None
        last_day = today
        if status in (FacilitationStatus.DONE, FacilitationStatus.ABANDONED):
            last_day = min(
                today - datetime.timedelta(days=5),
                opened + datetime.timedelta(days=rng.randint(60, 240)),
            )
            last_day = max(last_day, opened + datetime.timedelta(days=10))
            closed_at = _aware(last_day, 17)
        facilitation = Facilitation.objects.create(
            structure=structure,
            request=request,
            status=status,
            opened_at=_aware(opened, 11),
            closed_at=closed_at,
            outcome=_outcome(structure, rng) if status == FacilitationStatus.DONE else "",
            closing_summary=_closing(status),
        )
        _binome(facilitation, pools, rng, opened, featured, staff, users)
        _plan_sessions(
            log,
            facilitation,
            rng=rng,
            today=today,
            status=status,
            opened=opened,
            last_day=last_day,
            closed_at=closed_at,
            requester=requester,
            helps=helps,
            professions=professions,
        )
        if featured and requester is not None:
            log.follow_ups.append(
                (
                    None,
                    FollowUpAction(
                        facilitation=facilitation,
                        title="Transmettre la liste des professionnels de l'équipe",
                        assignee=requester,
                        due_date=today - datetime.timedelta(days=4),
                    ),
                )
            )

    _save_log(log)


def _plan_sessions(
    log: _Log,
    facilitation: Facilitation,
    *,
    rng: random.Random,
    today: datetime.date,
    status: str,
    opened: datetime.date,
    last_day: datetime.date,
    closed_at: datetime.datetime | None,
    requester: User | None,
    helps: list[HelpType],
    professions: dict[str, Profession],
) -> None:
    """Sessions every three to six weeks, the phase advancing with time, each
    with its help given, participants and up to two follow-up actions."""
    day = opened + datetime.timedelta(days=rng.randint(3, 14))
    phase_index = 0
    previous_mode = SessionMode.ON_SITE
    count = 0
    end = last_day if closed_at else today - datetime.timedelta(days=1)
    if status == FacilitationStatus.PAUSED:
        end = min(end, today - datetime.timedelta(days=45))
    while day <= end:
        count += 1
        if count > 1 and rng.random() < 0.45:
            phase_index = min(phase_index + 1, len(PHASE_ORDER) - 1)
        phase = PHASE_ORDER[phase_index]
        next_day = day + datetime.timedelta(days=rng.randint(21, 42))
        mode = previous_mode if rng.random() < 0.6 else rng.choice(SessionMode.values)
        previous_mode = mode
        session = Session(
            facilitation=facilitation,
            date=day,
            duration_minutes=rng.choice([60, 90, 120, 120, 150, 180]),
            mode=mode,
            phase=phase,
            shared_summary=rng.choice(SUMMARIES[phase]),
            private_notes=rng.choice(PRIVATE_NOTES),
            next_steps=rng.choice(NEXT_STEPS),
            next_date=next_day if (next_day <= end or not closed_at) else None,
            created_by=None,
        )
        log.sessions.append(session)
        log.session_helps.append((session, rng.sample(helps, rng.randint(1, 3))))
        log.participations.append(
            (
                session,
                [
                    (professions[c], rng.randint(1, 4))
                    for c in rng.sample(PROFESSION_CODES, rng.randint(2, 5))
                ],
            )
        )
        for _ in range(rng.randint(0, 2)):
            due = day + datetime.timedelta(days=rng.randint(7, 30))
            done = due < today and (rng.random() < 0.85 or closed_at is not None)
            log.follow_ups.append(
                (
                    session,
                    FollowUpAction(
                        facilitation=facilitation,
                        title=rng.choice(FOLLOW_UPS),
                        assignee=requester if rng.random() < 0.5 else None,
                        due_date=due,
                        done_at=_aware(min(due, today), 16) if done else None,
                    ),
                )
            )
        day = next_day


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _needs_for(structure: Structure, rng: random.Random) -> list[str]:
    by_kind = {
        StructureKind.ESP: "creer-esp",
        StructureKind.ESP_CLAP: "creer-esp",
        StructureKind.MSP: "creer-msp",
        StructureKind.CPTS: "creer-cpts",
    }
    first = by_kind.get(structure.kind, "projet-de-sante")
    others = [
        "projet-de-sante",
        "protocole-coordination",
        "rcp",
        "outils-numeriques",
        "prevention",
        "matrice-maturite",
        "coordinateur",
        "protocole-cooperation",
    ]
    return [first, *rng.sample([o for o in others if o != first], rng.randint(0, 2))]


def _outcome(structure: Structure, rng: random.Random) -> str:
    if structure.kind in (StructureKind.ESP, StructureKind.ESP_CLAP) and rng.random() < 0.5:
        return FacilitationOutcome.STRUCTURE_CREATED
    return rng.choice(
        [
            FacilitationOutcome.HEALTH_PROJECT_VALIDATED,
            FacilitationOutcome.PROTOCOL_ADOPTED,
            FacilitationOutcome.RCP_SET_UP,
            FacilitationOutcome.COORDINATOR_RECRUITED,
        ]
    )


def _closing(status: str) -> str:
    if status == FacilitationStatus.DONE:
        return (
            "L'équipe a atteint l'objectif fixé au départ et poursuit en autonomie. "
            "Le binôme reste disponible pour un point d'étape dans six mois."
        )
    if status == FacilitationStatus.ABANDONED:
        return (
            "L'équipe a suspendu son projet faute de disponibilités ; elle pourra déposer "
            "une nouvelle demande quand elle le souhaitera."
        )
    return ""


def _binome(facilitation, pools, rng, opened, featured, staff, users) -> None:
    """Open the binôme at the opening date; a few facilitations changed
    facilitator along the way (dated history)."""
    started = _aware(opened, 11)
    for kind, pool in pools.items():
        demo_user = users.get(
            "facilitateur@demo.gecolib.fr"
            if kind == FacilitatorKind.HEALTH_PROFESSIONAL
            else "charge.mission@demo.gecolib.fr"
        )
        if featured and demo_user in pool:
            user = demo_user
        else:
            # The two demo facilitators carry about a third of the activity.
            user = demo_user if demo_user in pool and rng.random() < 0.35 else rng.choice(pool)
        ended = None
        if not featured and rng.random() < 0.12 and len(pool) > 1:
            first = rng.choice([u for u in pool if u != user])
            ended = started + datetime.timedelta(days=rng.randint(20, 60))
            if ended < timezone.now():
                Assignment.objects.create(
                    facilitation=facilitation,
                    user=first,
                    kind=kind,
                    started_at=started,
                    ended_at=ended,
                    assigned_by=staff,
                )
            else:
                ended = None
        Assignment.objects.create(
            facilitation=facilitation,
            user=user,
            kind=kind,
            started_at=ended or started,
            assigned_by=staff,
        )


def _save_log(log: _Log) -> None:
    """Bulk-create the sessions and what hangs from them."""
    sessions, session_helps = log.sessions, log.session_helps
    participations, follow_ups = log.participations, log.follow_ups
    binome = {}
    for assignment in Assignment.objects.filter(
        facilitation__in={s.facilitation_id for s in sessions}, ended_at__isnull=True
    ):
        binome.setdefault(assignment.facilitation_id, assignment.user_id)
    for session in sessions:
        session.created_by_id = binome.get(session.facilitation_id)
    Session.objects.bulk_create(sessions, batch_size=500)
    Through = Session.help_given.through
    Through.objects.bulk_create(
        [Through(session_id=s.pk, helptype_id=h.pk) for s, hs in session_helps for h in hs],
        batch_size=1000,
    )
    SessionParticipation.objects.bulk_create(
        [
            SessionParticipation(session=s, profession=p, count=n)
            for s, items in participations
            for p, n in items
        ],
        batch_size=1000,
    )
    actions = []
    for session, action in follow_ups:
        action.session = session
        if action.assignee_id is None:
            action.assignee_id = binome.get(action.facilitation_id)
        action.created_by_id = binome.get(action.facilitation_id)
        actions.append(action)
    FollowUpAction.objects.bulk_create(actions, batch_size=1000)
    # Bulk writes skip the models' save: the activity columns are refreshed once.
    Facilitation.objects.filter(
        pk__in={session.facilitation_id for session in sessions}
        | {action.facilitation_id for action in actions}
    ).refresh_activity()
    forget_statistics()
