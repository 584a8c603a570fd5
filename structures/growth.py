"""The hub's share of the large benchmark database (gecolib/growth.py):
10,000 structures of every kind and stage across Brittany's EPCIs, four to
five members each, and 3,000 health projects with 6,000 versions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gecolib.growth import BATCH, Growth, register_growth
from gecolib.models import Commune

from .enums import STAGES_BY_KIND, HealthProjectSection, MembershipRole, StructureKind
from .map_counts import forget_map_counts
from .models import HealthProject, HealthProjectVersion, Membership, Structure

KINDS = (
    [StructureKind.ESP] * 5
    + [StructureKind.MSP] * 3
    + [StructureKind.CPTS, StructureKind.HEALTH_CENTRE]
)
PLACES = [
    "Plérin",
    "Lannion",
    "Quimper",
    "Vannes",
    "Rennes",
    "Brest",
    "Morlaix",
    "Pontivy",
    "Dinan",
]
SECTION_TEXT = (
    "L'équipe se réunit chaque mois. Les besoins de santé du territoire portent sur "
    "le vieillissement, la prévention des chutes et l'accès aux soins non programmés.\n\n"
    "- Actions de prévention\n- Coordination des parcours\n- Formation des professionnels\n"
)


@register_growth
def structures(growth: Growth) -> dict:
    rng = growth.rng
    communes = list(Commune.objects.values_list("pk", "epci_id"))
    start = Structure.objects.count()
    now = timezone.now()
    rows = []
    for index in range(growth.count(10_000)):
        kind = rng.choice(KINDS)
        commune = rng.choice(communes) if communes else (None, None)
        rows.append(
            Structure(
                kind=kind,
                name=f"{kind.label.split(' – ')[0]} de {rng.choice(PLACES)} {start + index}",
                stage=rng.choice(STAGES_BY_KIND[kind]),
                commune_id=commune[0],
                postal_code="22190",
                created_at=now - datetime.timedelta(days=rng.randint(0, 3650)),
            )
        )
    made = Structure.objects.bulk_create(rows, batch_size=BATCH)
    ids = [s.pk for s in made]
    epci_links = [
        Structure.epcis.through(structure_id=s.pk, epci_id=c[1])
        for s, c in zip(made, (rng.choice(communes) for _ in made), strict=False)
        if communes
    ]
    Structure.epcis.through.objects.bulk_create(epci_links, batch_size=BATCH, ignore_conflicts=True)
    forget_map_counts()

    users = growth.made.get("users", [])
    memberships = []
    for number, structure_id in enumerate(ids):
        team = (
            [users[(number * 5 + k) % len(users)] for k in range(rng.randint(4, 5))]
            if users
            else []
        )
        for position, user_id in enumerate(dict.fromkeys(team)):
            memberships.append(
                Membership(
                    user_id=user_id,
                    structure_id=structure_id,
                    role=MembershipRole.COORDINATOR if position == 0 else MembershipRole.MEMBER,
                    start_date=datetime.date(2020, 1, 1)
                    + datetime.timedelta(days=rng.randint(0, 2000)),
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    project_structures = ids[: growth.count(3_000)]
    projects = HealthProject.objects.bulk_create(
        [
            HealthProject(structure_id=pk, sections={HealthProjectSection.TERRITORY: SECTION_TEXT})
            for pk in project_structures
        ],
        batch_size=BATCH,
    )
    versions = []
    for project in projects:
        for number in (1, 2):
            versions.append(
                HealthProjectVersion(
                    project=project,
                    number=number,
                    content={HealthProjectSection.TERRITORY: SECTION_TEXT * number},
                    comment=f"Version {number}",
                    created_at=now - datetime.timedelta(days=rng.randint(0, 900)),
                )
            )
    HealthProjectVersion.objects.bulk_create(versions, batch_size=BATCH)
    return {"structures": ids}
