"""Demo facilitation activity: a year of requests, facilitations, sessions and
follow-ups across the four Breton departments (fictional; no patient data).

Idempotent: a structure with a facilitation is left alone, other requests are
looked up by requester and project name, extra facilitators, requesters and
small ESP projects by their natural key. Deterministic (random.Random(seed))."""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from django.utils import timezone

from gecolib.demo import register_demo
from gecolib.enums import FacilitatorKind
from gecolib.models import Charter, CharterAcceptance, Commune, Profession, User
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.enums import STAGES_BY_KIND, MembershipRole, StructureKind
from structures.models import Membership, Structure

from .enums import FacilitationOutcome, FacilitationStatus, Phase, RequestStatus, SessionMode
from .models import (
    Assignment,
    Facilitation,
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    Need,
    RequestMessage,
    Session,
    SessionParticipation,
)

SEED = 2026
TARGET_FACILITATIONS = 60
DEPARTMENTS = BRITTANY_DEPARTMENTS
LAMBALLE = "ESP de Lamballe-Penthièvre"

# Extra facilitators so that ~60 facilitations have believable binômes.
FACILITATORS = [
    ("facilitateur@demo.gecolib.fr", None, None, FacilitatorKind.HEALTH_PROFESSIONAL),
    ("charge.mission@demo.gecolib.fr", None, None, FacilitatorKind.PROJECT_OFFICER),
    ("gaelle.nedelec@demo.gecolib.fr", "Gaëlle", "Nédélec", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("pierre.le.meur@demo.gecolib.fr", "Pierre", "Le Meur", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("soizic.rannou@demo.gecolib.fr", "Soizic", "Rannou", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("ronan.quere@demo.gecolib.fr", "Ronan", "Quéré", FacilitatorKind.PROJECT_OFFICER),
    ("armelle.hamon@demo.gecolib.fr", "Armelle", "Hamon", FacilitatorKind.PROJECT_OFFICER),
]

REQUESTER_NAMES = [
    ("Marion", "Le Corre"), ("Julien", "Derrien"), ("Aurélie", "Le Floch"), ("Mathieu", "Prigent"),
    ("Élodie", "Guéguen"), ("Kévin", "Le Duff"), ("Camille", "Bothorel"), ("Gwendal", "Salaün"),
    ("Laëtitia", "Le Bras"), ("Nicolas", "Kerjean"), ("Morgane", "Cadiou"), ("Tanguy", "Lozach"),
    ("Solenn", "Le Moal"), ("Bastien", "Thépaut"), ("Maïwenn", "Abgrall"), ("Yannick", "Jézéquel"),
]  # fmt: skip

SUMMARIES = {
    Phase.DEFINITION: [
        "Première rencontre de l'équipe : chacun a présenté son exercice et ses attentes. "
        "Trois priorités se dégagent : l'accès aux soins non programmés, le suivi des "
        "personnes âgées à domicile et la communication entre professionnels.",
        "Atelier sur le périmètre du projet : l'équipe retient le territoire des trois "
        "communes et s'accorde sur une association de professionnels de santé.",
        "Présentation des étapes de reconnaissance par l'ARS et du rôle de la CARPEC ; "
        "l'équipe désigne deux référents pour porter la rédaction.",
    ],
    Phase.MEASURE: [
        "Partage du diagnostic territorial : démographie médicale, part des plus de 75 ans, "
        "délais d'accès aux kinésithérapeutes. L'équipe complète avec son expérience.",
        "Recueil des besoins exprimés par les professionnels du territoire à partir du "
        "questionnaire diffusé le mois dernier (27 réponses).",
        "Séance de matrice de maturité : l'équipe se situe au niveau 2 sur la coordination "
        "et au niveau 1 sur le système d'information.",
    ],
    Phase.ANALYSIS: [
        "Priorisation des actions du projet de santé : deux protocoles pluriprofessionnels "
        "(plaies chroniques, sortie d'hospitalisation) et une action de prévention des chutes.",
        "Relecture collective du projet de santé, partie « organisation » : horaires, "
        "soins non programmés et fonction de coordination.",
        "Travail sur le modèle économique : rémunérations de l'ACI, temps de coordination "
        "et répartition des charges.",
    ],
    Phase.FOLLOW_UP: [
        "Point d'étape : le premier protocole est rédigé, la première RCP s'est tenue avec "
        "huit participants. Prochaine étape : l'évaluation à trois mois.",
        "Retour sur le dépôt du projet de santé à l'ARS ; préparation de la présentation "
        "en CARPEC.",
        "Bilan des réunions pluriprofessionnelles du trimestre et ajustement du calendrier.",
    ],
    Phase.IMPROVEMENT: [
        "Revue du protocole plaies chroniques à partir de l'expérience des six premiers mois : "
        "simplification de la fiche de liaison.",
        "Enquête de satisfaction des professionnels : points forts et axes de progrès "
        "partagés avec toute l'équipe.",
        "Préparation de l'avenant au projet de santé pour intégrer une action de prévention.",
    ],
}

PRIVATE_NOTES = [
    "Dynamique fragile : deux associés peinent à dégager du temps, à revoir avec eux.",
    "La coordinatrice pressentie hésite ; proposer un échange avec une coordinatrice d'une "
    "MSP voisine.",
    "Vigilance sur la place des pharmaciens, peu présents aux séances.",
    "Bonne énergie du groupe ; le leadership repose beaucoup sur le médecin référent.",
    "Tension sur la répartition des locaux, à ne pas aborder en plénière.",
    "Le calendrier CARPEC paraît ambitieux ; prévoir un plan B pour la séance suivante.",
    "",
    "",
]

NEXT_STEPS = [
    "Envoyer la trame du projet de santé et fixer la prochaine réunion.",
    "Compléter le diagnostic avec les données de l'Assurance Maladie.",
    "Rédiger la partie organisation et la faire relire par l'équipe.",
    "Préparer la présentation en CARPEC.",
    "Organiser la première RCP et diffuser l'ordre du jour.",
]

FOLLOW_UPS = [
    "Envoyer le modèle de statuts de l'association",
    "Transmettre le diagnostic territorial à toute l'équipe",
    "Réserver la salle pour la réunion plénière",
    "Contacter le référent ARS du département",
    "Relire la partie « soins non programmés » du projet",
    "Diffuser le questionnaire aux professionnels du territoire",
    "Préparer le dossier de demande de financement",
    "Rédiger l'ordre du jour de la première RCP",
    "Demander un devis pour le logiciel partagé",
    "Planifier la séance de matrice de maturité",
]

DESCRIPTIONS = [
    "Nous sommes une équipe de {n} professionnels (médecins, infirmiers, kinés) qui "
    "souhaitons mieux nous coordonner autour de nos patients communs.",
    "Notre équipe veut rédiger son projet de santé et se faire reconnaître par l'ARS ; "
    "nous avons besoin d'aide pour la méthode et le calendrier.",
    "Plusieurs professionnels du territoire voudraient créer une CPTS ; nous cherchons un "
    "accompagnement pour réunir les acteurs.",
    "Nous souhaitons mettre en place des RCP régulières et un premier protocole "
    "pluriprofessionnel.",
]

REDIRECTIONS = [
    "Référent ARS de la délégation départementale des Côtes-d'Armor",
    "Référent ARS de la délégation départementale du Finistère",
    "CPTS du territoire, déjà en cours de structuration",
    "Référent ARS de la délégation départementale du Morbihan",
]

DECLINE_REASONS = [
    "La demande concerne un projet immobilier sans équipe constituée ; revenez vers nous "
    "quand l'équipe sera réunie.",
    "Un accompagnement est déjà en cours par un autre réseau pour cette équipe.",
    "La demande porte sur une activité salariée hors du champ de l'exercice coordonné libéral.",
]

PHASE_ORDER = [Phase.DEFINITION, Phase.MEASURE, Phase.ANALYSIS, Phase.FOLLOW_UP, Phase.IMPROVEMENT]
PROFESSION_CODES = ["10", "60", "70", "21", "50", "91", "80"]


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _of(place: str) -> str:
    """French 'de' + place name: du Mené, des Forges, de La Roche, d'Elven."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if place.startswith(article):
            return contracted + place[len(article) :]
    if place[:1] in "AEIOUYÉÈÊÎÔ":
        return "d'" + place
    return "de " + place


def _user(email: str, first: str, last: str, **fields) -> User:
    """A demo account that does not log in (no usable password) unless it exists."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, **fields}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def _facilitators(users: dict[str, User]) -> dict[str, list[User]]:
    charter = Charter.current()
    pools: dict[str, list[User]] = {k: [] for k in FacilitatorKind.values}
    for email, first, last, kind in FACILITATORS:
        user = users.get(email) or _user(email, first or "", last or "", facilitator_kind=kind)
        if user.facilitator_kind != kind:
            continue
        if charter is not None:
            CharterAcceptance.objects.get_or_create(user=user, charter=charter)
        pools[kind].append(user)
    return pools


def _requesters(users: dict[str, User]) -> list[User]:
    professions = list(Profession.objects.filter(code__in=PROFESSION_CODES))
    result = []
    for index, (first, last) in enumerate(REQUESTER_NAMES):
        email = f"demandeur{index + 1}@demo.gecolib.fr"
        result.append(_user(email, first, last, profession=professions[index % len(professions)]))
    return result


def _structures(rng: random.Random, needed: int) -> list[Structure]:
    """Structures of the four departments, creating small ESP projects as needed."""
    structures = list(
        Structure.objects.filter(epcis__department__code__in=DEPARTMENTS)
        .distinct()
        .order_by("name")
        .prefetch_related("epcis")
    )
    if len(structures) >= needed:
        return structures
    taken = {s.name for s in structures}
    communes = list(
        Commune.objects.filter(department__code__in=DEPARTMENTS)
        .select_related("epci")
        .order_by("-population")[: needed * 3]
    )
    rng.shuffle(communes)
    for commune in communes:
        if len(structures) >= needed:
            break
        name = f"ESP {_of(commune.name)}"
        if name in taken:
            continue
        taken.add(name)
        structure, created = Structure.objects.get_or_create(
            name=name,
            defaults={
                "kind": StructureKind.ESP,
                "stage": rng.choice(STAGES_BY_KIND[StructureKind.ESP][:4]),
                "commune": commune,
            },
        )
        if created:
            structure.epcis.set([commune.epci])
        structures.append(structure)
    return structures


@register_demo
def load(users: dict[str, User]) -> None:
    rng = random.Random(SEED)
    today = timezone.localdate()
    staff = users.get("staff@demo.gecolib.fr") or User.objects.filter(is_staff=True).first()
    pools = _facilitators(users)
    requesters = _requesters(users)
    professional = users.get("professionnel@demo.gecolib.fr")
    needs = {n.code: n for n in Need.objects.all()}
    helps = list(HelpType.objects.all())
    professions = {p.code: p for p in Profession.objects.filter(code__in=PROFESSION_CODES)}
    structures = _structures(rng, TARGET_FACILITATIONS)
    lamballe = next((s for s in structures if s.name == LAMBALLE), None)
    if lamballe is not None:
        structures.remove(lamballe)
        structures.insert(0, lamballe)
    already = set(
        Facilitation.objects.filter(structure__in=structures).values_list("structure_id", flat=True)
    )

    sessions: list[Session] = []
    session_helps: list[tuple[Session, list[HelpType]]] = []
    participations: list[tuple[Session, list[tuple[Profession, int]]]] = []
    follow_ups: list[tuple[Session, FollowUpAction]] = []

    for index, structure in enumerate(structures[:TARGET_FACILITATIONS]):
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

        # Sessions every three to six weeks, the phase advancing with time.
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
            sessions.append(session)
            session_helps.append((session, rng.sample(helps, rng.randint(1, 3))))
            participations.append(
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
                follow_ups.append(
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
        if featured and requester is not None:
            follow_ups.append(
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

    _save_log(sessions, session_helps, participations, follow_ups, pools)
    _other_requests(today, requesters, professional, staff, needs)


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


def _save_log(sessions, session_helps, participations, follow_ups, pools) -> None:
    """Bulk-create the sessions and what hangs from them."""
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


def _other_requests(today, requesters, professional, staff, needs) -> None:
    """Requests awaiting triage, under review, redirected and declined."""
    communes = list(
        Commune.objects.filter(department__code__in=DEPARTMENTS)
        .select_related("epci")
        .order_by("-population")[40:120]
    )
    plan = (
        [RequestStatus.SUBMITTED] * 6
        + [RequestStatus.UNDER_REVIEW] * 4
        + [RequestStatus.REDIRECTED] * 4
        + [RequestStatus.DECLINED] * 3
    )
    for index, status in enumerate(plan):
        # One generator per request: the same request whatever exists already.
        rng = random.Random(SEED * 100 + index)
        commune = communes[(index * 7) % len(communes)]
        requester = requesters[(index + 5) % len(requesters)]
        if index == 0 and professional is not None:
            requester = professional
        kind_need = rng.choice(["creer-esp", "creer-msp", "creer-cpts", "rcp", "prevention"])
        place = _of(commune.name)
        name = {
            "creer-esp": f"Projet d'ESP {place}",
            "creer-msp": f"Projet de MSP {place}",
            "creer-cpts": f"Projet de CPTS {place}",
        }.get(kind_need, f"Équipe pluriprofessionnelle {place}")
        age = rng.randint(1, 60) if status in (RequestStatus.SUBMITTED,) else rng.randint(10, 300)
        if FacilitationRequest.objects.filter(requester=requester, project_name=name).exists():
            continue
        created = timezone.now() - datetime.timedelta(days=age, hours=rng.randint(0, 8))
        decided = status in (RequestStatus.REDIRECTED, RequestStatus.DECLINED)
        request = FacilitationRequest.objects.create(
            requester=requester,
            project_name=name,
            epci=commune.epci,
            description=rng.choice(DESCRIPTIONS).format(n=rng.randint(3, 9)),
            availability="Le lundi soir ou le vendredi midi",
            status=status,
            created_at=created,
            reviewer=staff if status != RequestStatus.SUBMITTED else None,
            decided_by=staff if decided else None,
            decided_at=created + datetime.timedelta(days=6) if decided else None,
            redirected_to=rng.choice(REDIRECTIONS) if status == RequestStatus.REDIRECTED else "",
            decline_reason=rng.choice(DECLINE_REASONS) if status == RequestStatus.DECLINED else "",
        )
        request.needs.set([needs[kind_need]])
        if status != RequestStatus.SUBMITTED and staff is not None:
            RequestMessage.objects.create(
                request=request,
                author=staff,
                body="Bonjour, merci pour votre demande. Pouvez-vous nous dire combien de "
                "professionnels sont prêts à s'engager et dans quel délai ?",
                created_at=created + datetime.timedelta(days=2),
            )
            RequestMessage.objects.create(
                request=request,
                author=requester,
                body="Bonjour, nous sommes six à ce jour, et nous aimerions commencer avant l'été.",
                created_at=created + datetime.timedelta(days=3),
            )
