"""Benchmark of reading the guide: a tree of 500 published pages (25 sections
of 20 pages, each ~1,500 words with a table, headings and [[slug]] links).

Prints the median and 95th percentile of the page view (anonymous and signed
in), of the index and of the PDF of one page; reported, not asserted.
Run: .venv/bin/python -m pytest tests/perf/bench_guide_pages.py -s -q
"""

import statistics
import time

import pytest
from django.db import connection
from django.urls import reverse

from guide import services
from guide.models import Page, PageRevision
from tests.perf.scale import scaled

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

SECTIONS, PER_SECTION, RUNS = scaled(25, 3), 20, scaled(40, 5)

PARAGRAPH = (
    "La coordination repose sur un temps dédié, des réunions régulières et une "
    "messagerie sécurisée partagée ; chaque protocole précise qui fait quoi, quand et "
    "comment, puis il est relu à partir de l'expérience de l'équipe. "
)


def body(i: int, slugs: list[str]) -> str:
    parts = []
    for n in range(8):
        parts += [f"## Partie {n + 1}", "", PARAGRAPH * 12, ""]
    parts += ["| profession | rôle |", "| --- | --- |"]
    parts += [f"| profession {n} | rôle {n} |" for n in range(10)]
    parts += ["", "Voir aussi " + ", ".join(f"[[{s}]]" for s in slugs[:10]) + "."]
    return "\n".join(parts)


def build(staff) -> Page:
    page_rows = []
    for s in range(SECTIONS):
        section = services.create_page(title=f"Section {s}", body="Intro.", by=staff)
        services.publish(section, by=staff)
        page_rows.append(section)
        for i in range(PER_SECTION):
            page = services.create_page(title=f"Fiche {s}-{i}", body="", by=staff, parent=section)
            page_rows.append(page)
    slugs = [p.slug for p in page_rows]
    for i, page in enumerate(page_rows):
        if page.parent_id:
            text = body(i, slugs[i + 1 :] or slugs)
            services.save_revision(
                page, page.draft_content() | {"body": text}, by=staff, base_revision=1
            )
            services.publish(page, by=staff)
    return page_rows[SECTIONS * PER_SECTION // 2]


def measure(fn, runs=RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def test_guide_reading_speed(client, staff, member):
    target = build(staff)
    url = target.get_absolute_url()
    print(
        f"\n{Page.objects.count()} pages, {PageRevision.objects.count()} versions, "
        f"base {connection.vendor}"
    )

    def get(u):
        assert client.get(u).status_code == 200

    results = {"page (visiteur)": measure(lambda: get(url))}
    results["sommaire (visiteur)"] = measure(lambda: get(reverse("guide:index")))
    client.force_login(member)
    results["page (adhérent)"] = measure(lambda: get(url))
    results["PDF d'une page"] = measure(
        lambda: get(reverse("guide:page_pdf", args=[target.slug])), 5
    )
    for name, (p50, p95) in results.items():
        print(f"{name:22} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
