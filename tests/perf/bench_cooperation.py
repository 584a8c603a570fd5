"""Benchmark of the staff cooperation overview and its export: the summary by
protocol and department is computed in Python over every declaration of the
year, so its time grows with the network. 100 MSPs × 6 protocols × 12 months
(600 declarations, 7 200 monthly counts).

Timings are reported, not asserted (target: overview under 1 s).
Run: .venv/bin/python -m pytest tests/perf/bench_cooperation.py -s -q
"""

import datetime
import statistics
import time

import pytest
from django.urls import reverse

from protocols.cooperation.models import CooperationDeclaration, MonthlyActivity
from tests.perf.scale import scaled
from tests.protocols.cooperation.factories import msp_with_aci, national

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = scaled(5, 2)
STRUCTURES = scaled(100, 10)
CODES = ["cystite", "angine", "rhino-conjonctivite", "varicelle", "cheville", "lombalgie"]


@pytest.fixture
def network():
    protocols = [national(code) for code in CODES]
    declarations = []
    for index in range(STRUCTURES):
        msp = msp_with_aci(name=f"MSP de mesure {index:03}")
        declarations += [
            CooperationDeclaration(
                structure=msp,
                protocol=protocol,
                status="actif",
                declared_on=datetime.date(2024, 1, 8),
                ds_number=f"{index:04}{n:04}",
            )
            for n, protocol in enumerate(protocols)
        ]
    CooperationDeclaration.objects.bulk_create(declarations)
    MonthlyActivity.objects.bulk_create(
        MonthlyActivity(
            declaration=declaration,
            month=datetime.date(2025, month, 1),
            inclusions=5 + month % 4,
            reevaluations=2 if declaration.protocol.has_reevaluation else 0,
        )
        for declaration in CooperationDeclaration.objects.select_related("protocol")
        for month in range(1, 13)
    )


def _median(client, url, params) -> float:
    timings = []
    for _run in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, params)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(timings)


def test_overview_and_export_timings(client, staff, network):
    client.force_login(staff)
    overview = _median(client, reverse("cooperation:overview"), {"annee": 2025})
    csv = _median(client, reverse("cooperation:overview_export"), {"annee": 2025, "format": "csv"})
    xlsx = _median(
        client,
        reverse("cooperation:overview_export"),
        {"annee": 2025, "format": "xlsx"},
    )
    print(
        f"\nCoopération, {STRUCTURES * len(CODES)} déclarations × 12 mois : "
        f"synthèse {overview * 1000:.0f} ms, export CSV {csv * 1000:.0f} ms, "
        f"export XLSX {xlsx * 1000:.0f} ms (médianes de {RUNS}) — "
        f"{'dans' if overview < 1 else 'au-delà de'} l'objectif d'une seconde pour la synthèse"
    )
