"""The structures facilitated in the demo: those of the four Breton
departments, completed with small ESP projects named after their commune."""

from __future__ import annotations

import random

from gecolib.models import Commune
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.enums import STAGES_BY_KIND, StructureKind
from structures.models import Structure


def of_place(place: str) -> str:
    """French 'de' + place name: du Mené, des Forges, de La Roche, d'Elven."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if place.startswith(article):
            return contracted + place[len(article) :]
    if place[:1] in "AEIOUYÉÈÊÎÔ":
        return "d'" + place
    return "de " + place


def facilitated_structures(rng: random.Random, needed: int) -> list[Structure]:
    """Structures of the four departments, creating small ESP projects as needed."""
    structures = list(
        Structure.objects.filter(epcis__department__code__in=BRITTANY_DEPARTMENTS)
        .distinct()
        .order_by("name")
        .prefetch_related("epcis")
    )
    if len(structures) >= needed:
        return structures
    taken = {s.name for s in structures}
    communes = list(
        Commune.objects.filter(department__code__in=BRITTANY_DEPARTMENTS)
        .select_related("epci")
        .order_by("-population")[: needed * 3]
    )
    rng.shuffle(communes)
    for commune in communes:
        if len(structures) >= needed:
            break
        name = f"ESP {of_place(commune.name)}"
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
