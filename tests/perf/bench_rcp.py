"""Benchmark of the RCP pages a coordinator opens every month: the meeting
list, the decision follow-up, a meeting's page, the minutes PDF and the
personal calendar feed, with a structure holding three years of monthly
RCPs (36 meetings, 108 items, 216 decisions). Prints medians; timings are
reported, not asserted, as they depend on the machine.
Run: .venv/bin/python -m pytest tests/perf/bench_rcp.py -s -q
"""

import statistics
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.models import CalendarFeedToken
from gecolib.revisions import save_revision
from protocols.rcp.enums import ItemKind
from protocols.rcp.minutes import minutes_content
from protocols.rcp.models import AgendaItem, allocate_case_label
from tests.perf.scale import scaled
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory, in_days

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = scaled(7, 3)


def _median_ms(call) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def test_rcp_pages(client, structure, coordinator, member):
    meetings = []
    for month in range(36):
        meeting = MeetingFactory(structure=structure, starts_at=in_days(-30 * month - 2))
        for _ in range(3):
            AgendaItem.objects.create(
                meeting=meeting, kind=ItemKind.CASE, title="Cas", summary="Synthèse."
            )
        for index in range(6):
            DecisionFactory(meeting=meeting, owner=member if index % 2 else coordinator)
        meetings.append(meeting)
    latest = meetings[0]
    save_revision(latest.minutes_revisions, minutes_content(latest), by=coordinator, frozen=True)
    latest.minutes_validated_at = timezone.now()
    latest.save()
    feed = CalendarFeedToken.renew(member)
    client.force_login(coordinator)
    pages = {
        "liste des RCP": reverse("rcp:structure", args=[structure.pk]),
        "suivi des décisions": reverse("rcp:decisions", args=[structure.pk]),
        "page d'une RCP": reverse("rcp:meeting", args=[latest.pk]),
        "chiffres de l'année": reverse("rcp:figures", args=[structure.pk]),
        "PDF du compte rendu": reverse("rcp:minutes_pdf", args=[latest.pk]),
        "agenda personnel (.ics)": reverse("calendar_feed", kwargs={"token": feed.token}),
    }
    print()
    for label, url in pages.items():
        assert client.get(url).status_code == 200
        print(f"{label:28} {_median_ms(lambda url=url: client.get(url)):8.1f} ms (médiane)")
    started = time.perf_counter()
    for _ in range(200):
        allocate_case_label(structure, 2030)
    per_label = (time.perf_counter() - started) * 1000 / 200
    print(f"{'attribution CAS-AAAA-NNN':28} {per_label:8.2f} ms par référence")
