"""Benchmark of a guide page in a large section: 5,000 published sibling pages
(bulk-created). The previous and next pages are read by two indexed queries,
so the page costs the same whatever the section's size.

Prints the median and 95th percentile of the page view (visitor) for a page
in the middle of the section and for one in a section of 10 (target: p95
≤ 30 ms at 5,000 siblings), the number of queries of each view, and the
previous/next lookup alone, against the former way (every sibling loaded).
Run: .venv/bin/python -m pytest tests/perf/bench_guide_neighbours.py -s -q
"""

import statistics
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from guide import services
from guide.models import Page
from guide.views.reading import _neighbours
from tests.perf.scale import scaled

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

SIBLINGS, RUNS = scaled(5000, 200), scaled(200, 20)
BODY = "## Partie\n\n" + "La coordination repose sur un temps dédié. " * 80


def section_of(staff, size: int, name: str) -> Page:
    section = services.create_page(title=f"Section {name}", body="Intro.", by=staff)
    services.publish(section, by=staff)
    Page.objects.bulk_create(
        (
            Page(
                title=f"Fiche {name} {i:05d}",
                slug=f"fiche-{name}-{i}",
                parent=section,
                position=i,
                is_live=True,
                body=BODY,
            )
            for i in range(size)
        ),
        batch_size=1000,
    )
    return Page.objects.get(slug=f"fiche-{name}-{size // 2}")


def measure(fn, runs=RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def count_queries(fn) -> int:
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        fn()
    return count


def former_neighbours(visible, current):
    """How the page found them before: every sibling built as an object."""
    siblings = list(
        visible.filter(parent=current.parent_id).order_by("position", "title").only("title", "slug")
    )
    index = next((i for i, p in enumerate(siblings) if p.pk == current.pk), None)
    previous_page = siblings[index - 1] if index else None
    next_page = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
    return previous_page, next_page


def test_guide_page_in_a_large_section(client, staff):
    large = section_of(staff, SIBLINGS, "grande")
    small = section_of(staff, 10, "petite")
    print(f"\n{Page.objects.count()} pages, base {connection.vendor}")
    visible = Page.objects.visible_to(AnonymousUser())
    for label, target in ((f"{SIBLINGS} pages sœurs", large), ("10 pages sœurs", small)):
        url = target.get_absolute_url()

        def get(u=url):
            response = client.get(u)
            assert response.status_code == 200
            assert response.context["previous_page"] and response.context["next_page"]

        get()
        queries = count_queries(get)
        p50, p95 = measure(get)
        print(f"{label:20} page      p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   {queries} requêtes")
        assert former_neighbours(visible, target) == _neighbours(visible, target)
        p50, p95 = measure(lambda t=target: _neighbours(visible, t))
        print(f"{label:20} préc/suiv p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (deux requêtes)")
        p50, p95 = measure(lambda t=target: former_neighbours(visible, t))
        print(f"{label:20} avant     p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (toutes les sœurs)")
