"""Service time of the signed-in mix: each page type of the load benchmark's
mix (tests/perf/service_mix.py) replayed one request at a time, in process,
on the large database, as in production (DEBUG off, second factor required).

Prints, per page type, the mean, median and 95th percentile in ms, the query
count and the status, then the mean of the mix; then where the time of the
three most expensive page types goes (middleware and request handling, SQL,
template rendering, Python in views). Targets (docs/performance.md): mean
≤ 20 ms, no page type above 40 ms. Figures are printed, not asserted.

`make bench` runs it at full size (`grow_data` at scale 1 and a guide
section of 500 pages); at a tenth (GECOLIB_BENCH_SCALE=0.1), one round.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/gecolib \\
     .venv/bin/python -m pytest tests/perf/bench_service.py -s -q
"""

from __future__ import annotations

import statistics
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from gecolib.growth import grow_all
from gecolib.models import User
from guide import services
from protocols.cooperation.models import NationalProtocol
from tests.perf import service_mix
from tests.perf.scale import SCALE, scaled
from tests.reference_data import restore_reference_data

# Committed data, as in production (see bench_scale.py).
pytestmark = [pytest.mark.perf, pytest.mark.django_db(transaction=True)]

GUIDE_PAGES = scaled(500, 20)
ROUNDS = scaled(5, 1)


def guide_section(staff: User) -> None:
    """A section of `GUIDE_PAGES` published sibling pages, through the page services."""
    section = services.create_page(title="Fiches pratiques", body="Introduction.", by=staff)
    services.publish(section, by=staff)
    for number in range(GUIDE_PAGES):
        page = services.create_page(
            title=f"Fiche pratique {number}",
            body="La coordination des soins de l'équipe, étape par étape. " * 30,
            by=staff,
            parent=section,
        )
        services.publish(page, by=staff)


def test_service_time_of_the_signed_in_mix(settings, capsys, transactional_db):
    restore_reference_data()
    if not NationalProtocol.objects.exists():
        import_module("protocols.coordination.migrations.0003_load_national_protocols").load(
            apps, None, app_label="cooperation"
        )
    settings.DEBUG = False
    settings.GECOLIB_REQUIRE_MFA = True
    call_command("demo_data", verbosity=0)
    grow_all(SCALE, report=lambda line: None)
    guide_section(User.objects.get(email="staff@demo.gecolib.fr"))
    people = service_mix.prepare_people(1, 1, 1)
    assert {person["role"] for person in people} == {"professional", "facilitator", "staff"}
    results = service_mix.replay(people, ROUNDS)
    slowest = sorted(results, key=lambda label: -statistics.fmean(results[label]["ms"]))[:3]
    profiles = service_mix.profile(people, slowest, max(3, ROUNDS * 2))
    with capsys.disabled():
        service_mix.print_table(
            results,
            f"Temps de service du mélange connecté (échelle {SCALE:g}, {connection.vendor}, "
            f"{GUIDE_PAGES} pages dans une section du guide, {ROUNDS} tour(s))",
        )
        service_mix.print_profiles(profiles)
    assert all(row["status"] == 200 for row in results.values()), {
        label: row["status"] for label, row in results.items()
    }
