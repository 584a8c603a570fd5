"""Page times at demo size and at ten times the network's size, side by side.

Loads the demo data, measures each page, grows the database with
`grow_data` (gecolib/growth.py; `GECOLIB_BENCH_SCALE`, default 1 = 10,000
structures, 50,000 users, 5,000 facilitations, 48,000 sessions and
follow-ups), measures again, and prints the median of the runs of each page
with its query count, the directory/admin ratio on the same 20 rows (the two
pages requested in turn, 21 times each), and the health-project PDF's first
and second request. The statistics page is served from its cache after the
first visit; "statistiques calculées" is what a visit costs right after a
session of the year was logged. Figures are printed, not asserted: they
depend on the machine.

`make bench` runs it at full size (scale 1, a few minutes);
GECOLIB_BENCH_SCALE=0.1 exercises the same pages and queries on a database
ten times smaller, to check that it runs: the figures of
docs/performance.md come from a run at scale 1.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/gecolib \
     .venv/bin/python -m pytest tests/perf/bench_scale.py -s -q
"""

from __future__ import annotations

import datetime
import io
import shutil
import statistics
import time
from importlib import import_module
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilitations.stats import Period, compute_statistics, files
from gecolib import background_exports
from gecolib.growth import grow_all
from gecolib.models import User
from protocols.cooperation.models import NationalProtocol
from structures.models import HealthProject, Structure
from tests.perf.scale import SCALE
from tests.reference_data import restore_reference_data

# Committed data, as in production: rows inserted by a still open transaction
# (and its savepoints) cost more to read. The flush that ends the test removes
# the reference rows too; they are loaded again first.
pytestmark = [pytest.mark.perf, pytest.mark.django_db(transaction=True)]

RUNS = 5


def measure(client, url: str, runs: int = RUNS) -> tuple[float, int, int]:
    """Median milliseconds over `runs` after one warm-up, the query count and the status."""
    response = client.get(url)
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), len(queries), response.status_code


def pages() -> list[tuple[str, str]]:
    year = timezone.localdate().year
    stats = reverse("facilitations:stats")
    sessions = reverse("facilitations:sessions_export")
    return [
        ("Statistiques, une année", f"{stats}?annee={year}"),
        ("Séances CSV, une année (requête)", f"{sessions}?annee={year}&format=csv"),
        (
            "Espace de travail, toutes, page 40",
            f"{reverse('facilitations:workspace')}?scope=toutes&page=40",
        ),
        ("Liste des utilisateurs", reverse("user_list")),
        ("Tableau de bord (équipe)", reverse("home")),
        ("Annuaire, page 2", f"{reverse('structures:directory')}?page=2"),
        (
            "Admin des structures, 20 lignes",
            f"{reverse('admin:structures_structure_changelist')}?p=1",
        ),
    ]


def run_pages(client) -> dict[str, tuple[float, int, int]]:
    return {label: measure(client, url) for label, url in pages()}


def directory_admin_ratio(client, runs: int = 21, search: str = "") -> tuple[float, float]:
    """Median milliseconds of the directory's page 2 and of the admin's list
    of the same 20 structures, requested in turn (so that both meet the
    same state of the machine); with `search`, the first page of that name
    search in both."""
    directory = f"{reverse('structures:directory')}?page=2"
    changelist = f"{reverse('admin:structures_structure_changelist')}?p=1"
    if search:
        directory = f"{reverse('structures:directory')}?{urlencode({'q': search})}"
        changelist = f"{reverse('admin:structures_structure_changelist')}?" + urlencode(
            {"q": search}
        )
    timings: dict[str, list[float]] = {directory: [], changelist: []}
    for url in timings:
        client.get(url)
    for _ in range(runs):
        for url, runs_of_url in timings.items():
            started = time.perf_counter()
            client.get(url)
            runs_of_url.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings[directory]), statistics.median(timings[changelist])


def export_files() -> dict[str, float]:
    """Median milliseconds to compute the statistics of a year without their
    cache, and to write each export file (what the background task does for
    a large one, the request for a small one)."""
    year = Period.year(timezone.localdate().year)
    everything = Period(datetime.date(year.end.year - 9, 1, 1), year.end)
    jobs = {
        # What the statistics page costs when its cache is stale (a session
        # of the year was just logged): every table computed.
        "statistiques calculées, une année": lambda out: compute_statistics(year),
        "fichier séances CSV, une année": lambda out: files.write_sessions(year, "csv", out),
        "fichier séances XLSX, une année": lambda out: files.write_sessions(year, "xlsx", out),
        "fichier séances CSV, dix ans": lambda out: files.write_sessions(everything, "csv", out),
        "fichier statistiques XLSX, une année": lambda out: files.statistics_workbook(
            compute_statistics(year), compute_statistics(year).ordered_tables, with_sessions=True
        ).save(out),
    }
    timings = {}
    for label, job in jobs.items():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            job(io.BytesIO())
            runs.append((time.perf_counter() - started) * 1000)
        timings[label] = statistics.median(runs)
    return timings


def pdf_first_second(client) -> tuple[float, float]:
    project = (
        HealthProject.objects.filter(versions__isnull=False).select_related("structure").first()
    )
    url = reverse("structures:health_project_pdf", args=[project.structure_id])
    started = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - started) * 1000
    second = measure(client, url, runs=3)[0]
    return first, second


@pytest.fixture
def staff_client(client, settings, transactional_db):
    restore_reference_data()
    if not NationalProtocol.objects.exists():
        import_module("protocols.coordination.migrations.0003_load_national_protocols").load(
            apps, None, app_label="cooperation"
        )
    settings.GECOLIB_REQUIRE_MFA = False
    settings.DEBUG = False
    call_command("demo_data", verbosity=0)
    staff = User.objects.get(email="staff@demo.gecolib.fr")
    client.force_login(staff)
    return client


def test_pages_at_demo_and_large_size(staff_client, monkeypatch, capsys, settings):
    # The admin shows the directory's 20 rows per page, for a like-for-like comparison.
    monkeypatch.setattr(admin.site._registry[Structure], "list_per_page", 20)
    # A large export's request only queues the job, for a Celery worker (the
    # writing of its file is timed apart, below); tests run tasks in process.
    monkeypatch.setattr(background_exports, "_queue", lambda job_id: None)
    demo = run_pages(staff_client)
    demo_files = export_files()
    demo_pdf = pdf_first_second(staff_client)
    started = time.perf_counter()
    grow_all(SCALE, report=lambda line: None)
    grown_in = time.perf_counter() - started
    large = run_pages(staff_client)
    directory_ms, admin_ms = directory_admin_ratio(staff_client)
    # The same name search in both (accented, as the admin's search is not).
    search_ms, admin_search_ms = directory_admin_ratio(staff_client, search="Plérin")
    large_files = export_files()
    # A new document on the large database: the cache starts empty.
    shutil.rmtree(settings.GECOLIB_PDF_CACHE_DIR, ignore_errors=True)
    large_pdf = pdf_first_second(staff_client)

    with capsys.disabled():
        print(f"\n\nBase agrandie (échelle {SCALE:g}) en {grown_in:.1f} s ; {connection.vendor}")
        print(f"{'page':40} {'démo ms':>9} {'req.':>5} {'grande ms':>10} {'req.':>5}")
        for label in demo:
            d_ms, d_q, d_status = demo[label]
            l_ms, l_q, l_status = large[label]
            flag = "" if d_status == l_status == 200 else f"  (HTTP {d_status} / {l_status})"
            print(f"{label:40} {d_ms:9.1f} {d_q:5d} {l_ms:10.1f} {l_q:5d}{flag}")
        for label in demo_files:
            print(f"{label:40} {demo_files[label]:9.1f} {'':5} {large_files[label]:10.1f}")
        print(
            f"Annuaire / admin (grande base, en alternance) : {directory_ms:.1f} / "
            f"{admin_ms:.1f} ms = {directory_ms / admin_ms:.2f}×"
        )
        print(
            f"Annuaire / admin, recherche « Plérin » (en alternance) : {search_ms:.1f} / "
            f"{admin_search_ms:.1f} ms = {search_ms / admin_search_ms:.2f}×"
        )
        print(
            f"PDF du projet de santé : 1re requête {demo_pdf[0]:.0f} / {large_pdf[0]:.0f} ms, "
            f"suivantes {demo_pdf[1]:.1f} / {large_pdf[1]:.1f} ms (démo / grande base)"
        )
    # A large export answers with its background job (302).
    assert all(status in (200, 302) for _ms, _q, status in large.values())
