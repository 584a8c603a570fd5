"""Demo structures: ~30 fictional teams across the four Breton departments, at
varied stages, with their history, CARPEC reviews and CPTS missions.
Idempotent: every object is looked up by its natural key before creation."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from stdnum import luhn

from gecolib.models import EPCI, Commune, User

from ..enums import (
    CORE_CPTS_MISSIONS,
    STAGES_BY_KIND,
    CarpecOutcome,
    CarpecReviewKind,
    CptsMissionKind,
    InformationSystem,
    LegalForm,
    MembershipRole,
    MissionStatus,
    Stage,
    StructureKind,
)
from ..models import CarpecReview, CarpecSession, CptsMission, Membership, StageChange, Structure

K = StructureKind
S = Stage

# name, kind, stage, EPCI SIRENs, legal form
STRUCTURES = [
    ("ESP de Lamballe-Penthièvre", K.ESP, S.ESP_WRITING, ["200069391"], LegalForm.ASSOCIATION),
    ("MSP des Rives de Rance", K.MSP, S.MSP_ACI, ["200068989"], LegalForm.SISA),
    ("ESP du Trégor maritime", K.ESP, S.ESP_RECOGNISED, ["200065928"], LegalForm.ASSOCIATION),
    (
        "CPTS Baie d'Armor",
        K.CPTS,
        S.CPTS_ACI,
        ["200069409", "200069086"],
        LegalForm.ASSOCIATION,
    ),
    ("MSP du Trieux", K.MSP, S.MSP_VALIDATION, ["200067981"], LegalForm.SISA),
    ("ESP CLAP du Kreiz-Breizh", K.ESP_CLAP, S.ESP_TEAM, ["242200715"], LegalForm.NONE),
    ("Centre de santé du Lié", K.HEALTH_CENTRE, S.CS_OPEN, ["200067460"], LegalForm.OTHER),
    ("CPTS du Pays de Dinan", K.CPTS, S.CPTS_WRITING, ["200068989"], LegalForm.ASSOCIATION),
    ("CPTS des Rives de l'Élorn", K.CPTS, S.CPTS_VALIDATED, ["242900314"], LegalForm.ASSOCIATION),
    ("MSP de l'Élorn", K.MSP, S.MSP_RECOGNISED, ["242900801"], LegalForm.SISA),
    ("ESP des Monts d'Arrée", K.ESP, S.ESP_ASSOCIATION, ["200067197"], LegalForm.ASSOCIATION),
    ("ESP de la Pointe", K.ESP, S.ESP_VALIDATION, ["242900629"], LegalForm.ASSOCIATION),
    ("MSP de la Laïta", K.MSP, S.MSP_WRITING, ["242900694"], LegalForm.SISA),
    (
        "CPTS Cornouaille Odet",
        K.CPTS,
        S.CPTS_SUBMITTED,
        ["200068120", "242900769"],
        LegalForm.ASSOCIATION,
    ),
    ("ESP du Pays Bigouden Sud", K.ESP, S.ESP_RECOGNISED, ["242900702"], LegalForm.ASSOCIATION),
    ("MSP du Dossen", K.MSP, S.MSP_PROJECT, ["242900835"], LegalForm.NONE),
    ("ESP de la Presqu'île", K.ESP, S.ESP_FUNDING, ["200066868"], LegalForm.ASSOCIATION),
    ("CPTS Rennes Nord-Ouest", K.CPTS, S.CPTS_ACI, ["243500139"], LegalForm.ASSOCIATION),
    ("MSP du Nançon", K.MSP, S.MSP_ACI, ["200072452"], LegalForm.SISA),
    ("ESP des Marches de Vitré", K.ESP, S.ESP_WRITING, ["200039022"], LegalForm.ASSOCIATION),
    ("MSP de la Vilaine", K.MSP, S.MSP_RECOGNISED, ["243500741"], LegalForm.SISA),
    ("ESP de la Côte d'Émeraude", K.ESP, S.ESP_RECOGNISED, ["243500725"], LegalForm.ASSOCIATION),
    (
        "Centre de santé de la Cité corsaire",
        K.HEALTH_CENTRE,
        S.CS_WRITING,
        ["243500782"],
        LegalForm.OTHER,
    ),
    ("CPTS Brocéliande", K.CPTS, S.CPTS_INTENT, ["243500618"], LegalForm.NONE),
    ("ESP CLAP de l'Yaigne", K.ESP_CLAP, S.ESP_RECOGNISED, ["243500659"], LegalForm.NONE),
    ("CPTS du Pays du Scorff", K.CPTS, S.CPTS_VALIDATED, ["200042174"], LegalForm.ASSOCIATION),
    ("MSP du Golfe", K.MSP, S.MSP_VALIDATION, ["200067932"], LegalForm.SISA),
    ("ESP de la Ria d'Auray", K.ESP, S.ESP_RECOGNISED, ["200043123"], LegalForm.ASSOCIATION),
    ("ESP du Blavet", K.ESP, S.ESP_TEAM, ["245614433"], LegalForm.NONE),
    ("MSP de l'Yvel", K.MSP, S.MSP_ACI, ["200066777"], LegalForm.SISA),
    ("ESP de Belle-Île", K.ESP, S.ESP_VALIDATION, ["245600465"], LegalForm.ASSOCIATION),
]

# Demo sessions after the published 2024–2025 calendar (indicative dates).
DEMO_SESSIONS = [
    datetime.date(2026, 2, 12),
    datetime.date(2026, 4, 2),
    datetime.date(2026, 6, 4),
    datetime.date(2026, 10, 1),
    datetime.date(2026, 12, 3),
    datetime.date(2027, 2, 11),
]

TEAMS = {
    "ESP de Lamballe-Penthièvre": [
        ("professionnel@demo.gecolib.fr", MembershipRole.COORDINATOR),
        ("infirmiere@demo.gecolib.fr", MembershipRole.MEMBER),
        ("kine@demo.gecolib.fr", MembershipRole.REFERENT),
        ("pharmacienne@demo.gecolib.fr", MembershipRole.MEMBER),
    ],
    "MSP des Rives de Rance": [
        ("medecin2@demo.gecolib.fr", MembershipRole.COORDINATOR),
        ("orthophoniste@demo.gecolib.fr", MembershipRole.MEMBER),
        ("sagefemme@demo.gecolib.fr", MembershipRole.MEMBER),
        ("podologue@demo.gecolib.fr", MembershipRole.MEMBER),
        ("dieteticienne@demo.gecolib.fr", MembershipRole.MEMBER),
    ],
}


def _siret(index: int) -> str:
    """A fictional but well-formed SIRET (Luhn keys on SIREN and SIRET)."""
    siren = f"90{index:06d}"
    siren += luhn.calc_check_digit(siren)
    siret = f"{siren}0001"
    return siret + luhn.calc_check_digit(siret)


# When each stage was reached, consistent with the CARPEC calendar: the ESPs'
# writing funding is reviewed on 5 December 2024, files enter validation before
# the 13 February 2025 session (adjourned), recognition follows the favourable
# opinion of 3 April 2025, then the ACI is signed. Stages before mid-2024 are
# spread over a few weeks from one structure to the next.
STAGE_DATES = {
    S.ESP_TEAM: datetime.date(2023, 3, 13),
    S.ESP_ASSOCIATION: datetime.date(2023, 9, 18),
    S.ESP_FUNDING: datetime.date(2024, 6, 10),
    S.ESP_WRITING: datetime.date(2024, 12, 16),
    S.ESP_VALIDATION: datetime.date(2025, 1, 20),
    S.ESP_RECOGNISED: datetime.date(2025, 4, 3),
    S.MSP_PROJECT: datetime.date(2023, 3, 13),
    S.MSP_WRITING: datetime.date(2023, 10, 16),
    S.MSP_VALIDATION: datetime.date(2025, 1, 20),
    S.MSP_RECOGNISED: datetime.date(2025, 4, 3),
    S.MSP_ACI: datetime.date(2025, 9, 15),
    S.CPTS_INTENT: datetime.date(2023, 3, 13),
    S.CPTS_WRITING: datetime.date(2023, 10, 16),
    S.CPTS_SUBMITTED: datetime.date(2025, 1, 20),
    S.CPTS_VALIDATED: datetime.date(2025, 4, 3),
    S.CPTS_ACI: datetime.date(2025, 9, 15),
    S.CS_PROJECT: datetime.date(2023, 3, 13),
    S.CS_WRITING: datetime.date(2023, 10, 16),
    S.CS_OPEN: datetime.date(2024, 9, 2),
}
STAGGER_BEFORE = datetime.date(2024, 6, 1)
ACI_SIGNED_ON = STAGE_DATES[S.MSP_ACI]


def stage_date(stage: str, index: int) -> datetime.date:
    """The demo date a structure reached a stage (early stages staggered)."""
    date = STAGE_DATES[stage]
    if date < STAGGER_BEFORE:
        date += datetime.timedelta(days=9 * (index % 6))
    return date


def _sessions() -> list[CarpecSession]:
    for date in DEMO_SESSIONS:
        CarpecSession.objects.get_or_create(
            date=date,
            defaults={
                "notes": _("Date indicative (démonstration)"),
                "submission_deadline": date - datetime.timedelta(weeks=6),
            },
        )
    return list(CarpecSession.objects.order_by("date"))


def load(users: dict[str, User]) -> None:
    staff = users.get("staff@demo.gecolib.fr")
    sessions = _sessions()
    past = [s for s in sessions if s.date < datetime.date(2026, 1, 1)]
    # MSPs in validation await the outcome of the October 2026 session (staff
    # can record it); the others are on the agenda of the December one.
    upcoming = [s for s in sessions if s.date >= datetime.date(2026, 10, 1)]
    epcis = {e.siren: e for e in EPCI.objects.all()}
    for index, (name, kind, stage, sirens, legal_form) in enumerate(STRUCTURES, start=1):
        main_epci = epcis[sirens[0]]
        communes = list(Commune.objects.filter(epci=main_epci).order_by("-population")[:4])
        structure, created = Structure.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "stage": stage,
                "legal_form": legal_form,
                "siret": _siret(index) if legal_form != LegalForm.NONE else "",
                "commune": communes[0] if communes else None,
                "postal_code": "",
                "address": _("%(n)s rue de la Santé") % {"n": index},
                "information_system": InformationSystem.SIP_LABELLED
                if stage in (S.MSP_ACI, S.MSP_RECOGNISED)
                else InformationSystem.NONE,
                "aci_signed_on": ACI_SIGNED_ON if stage in (S.MSP_ACI, S.CPTS_ACI) else None,
                "coordinator_name": _("Coordination partagée") if kind in (K.MSP, K.CPTS) else "",
                "coordination_hours": 10 if kind in (K.MSP, K.CPTS) else None,
                "contact_email": f"contact{index}@exemple-structure.fr",
                "population_override": 95000 if name == "CPTS Rennes Nord-Ouest" else None,
            },
        )
        if created:
            structure.epcis.set([epcis[s] for s in sirens])
            if kind != K.CPTS:
                structure.communes_covered.set(communes[:3])
        _history(structure, staff, index)
        _reviews(structure, past, upcoming, staff)
        if kind == K.CPTS:
            _missions(structure)
        for email, role in TEAMS.get(name, []):
            user = users.get(email)
            if (
                user is not None
                and not structure.memberships.filter(user=user, end_date__isnull=True).exists()
            ):
                Membership.objects.create(
                    user=user,
                    structure=structure,
                    role=role,
                    start_date=datetime.date(2024, 9, 1),
                )


def _history(structure: Structure, staff: User | None, index: int) -> None:
    stages = STAGES_BY_KIND[structure.kind]
    reached = stages[: stages.index(structure.stage) + 1]
    for stage in reached:
        StageChange.objects.get_or_create(
            structure=structure,
            stage=stage,
            defaults={
                "date": stage_date(stage, index),
                "changed_by": staff,
                "comment": _("Historique de démonstration"),
            },
        )


def _reviews(structure: Structure, past: list, upcoming: list, staff: User | None) -> None:
    """Funding to write for teams past that step; a favourable validation for
    recognised ones; a pending validation for those in the validation step."""
    stage = structure.stage
    stages = STAGES_BY_KIND[structure.kind]
    position = stages.index(stage)
    rows = []
    if structure.kind == K.ESP and position >= stages.index(S.ESP_WRITING) and past:
        rows.append((past[0], CarpecReviewKind.FUNDING_WRITING, CarpecOutcome.FAVOURABLE))
    if structure.is_recognised and structure.kind != K.HEALTH_CENTRE and len(past) > 2:
        rows.append((past[1], CarpecReviewKind.VALIDATION, CarpecOutcome.POSTPONED))
        rows.append((past[2], CarpecReviewKind.VALIDATION, CarpecOutcome.FAVOURABLE))
    if stage in (S.ESP_VALIDATION, S.MSP_VALIDATION, S.CPTS_SUBMITTED) and upcoming:
        if len(past) > 3:
            rows.append((past[3], CarpecReviewKind.VALIDATION, CarpecOutcome.UNFAVOURABLE))
        later = upcoming[1] if len(upcoming) > 1 else upcoming[0]
        session = upcoming[0] if structure.kind == K.MSP else later
        rows.append((session, CarpecReviewKind.VALIDATION, CarpecOutcome.PENDING))
    for session, kind, outcome in rows:
        CarpecReview.objects.get_or_create(
            structure=structure,
            session=session,
            kind=kind,
            defaults={
                "outcome": outcome,
                "scheduled_by": staff,
                "comment": "" if outcome == CarpecOutcome.PENDING else _("Avis de démonstration"),
            },
        )


def _missions(structure: Structure) -> None:
    advanced = structure.is_recognised
    for kind in CptsMissionKind:
        if kind not in CORE_CPTS_MISSIONS and not advanced:
            continue
        CptsMission.objects.get_or_create(
            structure=structure,
            mission=kind,
            defaults={
                "status": (MissionStatus.DEPLOYED if advanced else MissionStatus.IN_PROGRESS)
                if kind in CORE_CPTS_MISSIONS
                else MissionStatus.NOT_STARTED,
                "description": _("Action de démonstration : %(mission)s.")
                % {"mission": kind.label},
            },
        )
