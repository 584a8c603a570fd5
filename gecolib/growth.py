"""A large database for the benchmarks: `manage.py grow_data --scale N`.

At scale 1 the portal holds ten times today's network: 10,000 structures,
50,000 users, 10,000 requests, 5,000 facilitations with 48,000 sessions and
follow-up actions, 6,000 health-project versions. Rows go in by
`bulk_create` through the models (their defaults and choices), with one
password hash computed once, so that scale 1 takes well under a minute.

Like the demo data, each app registers its generator from its own `growth`
module (`register_growth`, a function of a `Growth` and returning what it
made, by name); `grow_all()` runs them in the order of INSTALLED_APPS, the
hub's structures before the facilitations that follow them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from .models import EPCI, Profession, User
from .registry import AppRegistry

GROWTH_PASSWORD = "grow-gecolib"
BATCH = 2_000
FIRST_NAMES = [
    "Anne", "Yann", "Maëlle", "Erwan", "Gwenaëlle", "Loïc", "Nolwenn", "Tristan", "Soizic",
    "Ronan", "Élodie", "Goulven", "Morgane", "Corentin", "Katell", "Brieuc", "Enora", "Mathis",
]  # fmt: skip
LAST_NAMES = [
    "Le Gall", "Le Bihan", "Kerhervé", "Tanguy", "Guillou", "Le Roux", "Morvan", "Le Goff",
    "Hamon", "Jaouen", "Le Floc'h", "Quéré", "Riou", "Cadiou", "Le Meur", "Prigent", "Jézéquel",
]  # fmt: skip


@dataclass
class Growth:
    """What a generator needs: the scale, a seeded random source, the shared
    password hash, and what earlier generators made (by name)."""

    scale: float
    rng: random.Random
    password: str
    made: dict = field(default_factory=dict)

    def count(self, at_scale_one: int) -> int:
        return max(1, int(at_scale_one * self.scale))


_growers: AppRegistry[Callable[[Growth], dict]] = AppRegistry("growth")
register_growth = _growers.register


@register_growth
def users(growth: Growth) -> dict:
    """Professionals (with a profession and an EPCI) and a few facilitators."""
    professions = list(Profession.objects.values_list("pk", flat=True))
    epcis = list(EPCI.objects.values_list("pk", flat=True))
    start = User.objects.count()
    rows = []
    for index in range(growth.count(50_000)):
        number = start + index
        rows.append(
            User(
                email=f"pro{number}@grow.gecolib.fr",
                first_name=growth.rng.choice(FIRST_NAMES),
                last_name=growth.rng.choice(LAST_NAMES),
                password=growth.password,
                profession_id=growth.rng.choice(professions) if professions else None,
                epci_id=growth.rng.choice(epcis) if epcis else None,
                facilitator_kind=(
                    growth.rng.choice(["pro_sante", "charge_mission"]) if index % 250 == 0 else ""
                ),
            )
        )
    created = User.objects.bulk_create(rows, batch_size=BATCH)
    return {"users": [u.pk for u in created], "epcis": epcis, "professions": professions}


def grow_all(scale: float, *, seed: int = 2026, report: Callable[[str], None] = print) -> dict:
    """Run every app's generator at `scale`; returns the seconds each took."""
    autodiscover_modules("growth")
    growth = Growth(scale=scale, rng=random.Random(seed), password=make_password(GROWTH_PASSWORD))
    timings = {}
    for grower in _growers:
        started = time.perf_counter()
        with transaction.atomic():
            growth.made.update(grower(growth) or {})
        name = f"{grower.__module__}.{grower.__name__}"
        timings[name] = time.perf_counter() - started
        report(f"{name} : {timings[name]:.1f} s")
    return timings
