"""Benchmark of a coordination protocol's PDF (fiche de poche then the full
protocol: 12 steps, 3 indicators of 8 values with their charts, Markdown
fields) and of the protocol page, as a coordinator.

Prints the medians; timings are reported, not asserted, as they depend on the
machine. Run: .venv/bin/python -m pytest tests/perf/bench_protocol_pdf.py -s -q
"""

import datetime
import io
import statistics
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.perf.scale import scaled
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeetingFactory,
    ProtocolFactory,
    StepFactory,
)

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = scaled(5, 2)
TEXT = (
    "L'équipe s'appuie sur son expérience et la littérature récente ; elle revoit le "
    "protocole chaque année à partir de ses indicateurs.\n\n- premier point ;\n- second point."
)


def _median(client, url: str) -> tuple[float, bytes]:
    timings, content = [], b""
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
        content = response.content
    return statistics.median(timings), content


def test_protocol_pdf_and_page(client_for, coordinator, structure):
    protocol = ProtocolFactory(
        structure=structure,
        **{k: TEXT for k in ("problem", "objectives", "inclusion_criteria", "references")},
    )
    for position in range(1, 13):
        StepFactory(protocol=protocol, position=position, who=f"Profession {position}")
    for n in range(3):
        indicator = IndicatorFactory(protocol=protocol, name=f"Indicateur {n}")
        for month in range(8):
            IndicatorValueFactory(
                indicator=indicator,
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=31 * month),
                value=10 + month * n,
            )
    MeetingFactory.create_batch(4, protocol=protocol)
    client = client_for(coordinator)
    pdf_time, pdf = _median(client, reverse("protocols:protocol_pdf", args=[protocol.pk]))
    page_time, _ = _median(client, reverse("protocols:protocol_detail", args=[protocol.pk]))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"\nPDF du protocole : {pages} pages, médiane {pdf_time * 1000:.0f} ms sur {RUNS} ;"
        f" page du protocole : médiane {page_time * 1000:.0f} ms"
    )
    assert pages >= 2
