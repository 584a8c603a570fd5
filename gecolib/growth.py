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
from django.db import connection, transaction

from .account_counts import forget_account_counts
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
    forget_account_counts()
    return {"users": [u.pk for u in created], "epcis": epcis, "professions": professions}


def grow_all(scale: float, *, seed: int = 2026, report: Callable[[str], None] = print) -> dict:
    """Run every app's generator at `scale`; returns the seconds each took."""
    growth = Growth(scale=scale, rng=random.Random(seed), password=make_password(GROWTH_PASSWORD))
    timings = {}
    for grower in _growers:
        started = time.perf_counter()
        with transaction.atomic():
            growth.made.update(grower(growth) or {})
        name = f"{grower.__module__}.{grower.__name__}"
        timings[name] = time.perf_counter() - started
        report(f"{name} : {timings[name]:.1f} s")
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        settle_after_bulk_load()
        timings["analyze"] = time.perf_counter() - started
        report(f"ANALYZE : {timings['analyze']:.1f} s")
    return timings


def analyze(*models) -> None:
    """Refresh the planner's statistics of these tables (PostgreSQL), before a
    query over rows just inserted in bulk: planned on the sizes of empty
    tables, a correlated subquery would scan a whole table for every row."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def settle_after_bulk_load() -> None:
    """What autovacuum would do some minutes after a bulk load, done now (the
    benchmarks measure right after it): the planner learns the new table
    sizes (ANALYZE), and the GIN indexes (trigram search, guide full text)
    move their pending entries into the index proper — until then, every
    search reads that unsorted list, and the planner prefers a sequential
    scan. Both run inside a transaction, unlike VACUUM."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(index.indexrelid) FROM pg_index index "
            "JOIN pg_class class ON class.oid = index.indexrelid "
            "JOIN pg_am method ON method.oid = class.relam "
            "JOIN pg_namespace namespace ON namespace.oid = class.relnamespace "
            "WHERE method.amname = 'gin' AND namespace.nspname = current_schema()"
        )
        cursor.execute("ANALYZE")
