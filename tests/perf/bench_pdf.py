"""Benchmark of the health project PDF: a ~20-page project rendered by the
endpoint, and the same HTML by WeasyPrint alone.

Prints both medians and their ratio with a verdict against the targets
(endpoint within 1.2× of bare WeasyPrint, under 2 s); timings are reported,
not asserted, as they depend on the machine.
Run: .venv/bin/python -m pytest tests/perf/bench_pdf.py -s -q
"""

import gc
import io
import statistics
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

import gecolib.pdf
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.factories import MembershipFactory, profession
from tests.perf.scale import scaled

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = scaled(5, 2)

PARAGRAPH = (
    "L'équipe s'appuie sur le diagnostic partagé avec les partenaires du territoire : "
    "élus, service d'aide et de soins à domicile, centre hospitalier de proximité et "
    "centre communal d'action sociale. Les professionnels ont retenu des priorités "
    "réalistes ; chacune fait l'objet d'une fiche action, d'un pilote et d'indicateurs "
    "suivis en réunion plénière. Comment garantir la continuité des soins pendant les "
    "congés ? Par un planning partagé et des « temps de coordination » réguliers !"
)


def section_text(key: str, size: int = 7) -> str:
    blocks = [f"## Objectifs de la section {key}", ""]
    for i in range(size):
        blocks += [PARAGRAPH, ""]
        if i == 2:
            blocks += [
                "- réunion de concertation pluriprofessionnelle mensuelle ;",
                "- protocole pluriprofessionnel revu chaque année ;",
                "- enquête de satisfaction des usagers tous les deux ans.",
                "",
                "| Action | Pilote | Échéance |",
                "| --- | --- | --- |",
                "| Prévention des chutes | infirmière | juin 2026 |",
                "| Vaccination | pharmacienne | octobre 2026 |",
                "| Soins non programmés | médecin généraliste | janvier 2027 |",
                "",
            ]
    return "\n".join(blocks)


@pytest.fixture
def big_project(structure, coordinator):
    for code in ["10", "60", "60", "70", "21", "91", "50", "80", "95"]:
        MembershipFactory(structure=structure, user__profession=profession(code))
    project = HealthProject.objects.create(structure=structure)
    project.save_revision({s.value: section_text(s.value) for s in Section}, by=coordinator)
    return project


def timed(action) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call. CPU time is the steadier figure
    on a shared machine; everything runs in this process."""
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - start_cpu


def test_bench_health_project_pdf(client_for, coordinator, big_project, structure, monkeypatch):
    client = client_for(coordinator)
    url = reverse("structures:health_project_pdf", args=[structure.pk])

    captured = []
    real_html_to_pdf = gecolib.pdf.html_to_pdf
    monkeypatch.setattr(
        gecolib.pdf, "html_to_pdf", lambda html: captured.append(html) or real_html_to_pdf(html)
    )
    response = client.get(url)  # warm-up: imports, templates, font loading
    assert response.status_code == 200
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    assert pages >= 20, f"le projet de test ne fait que {pages} pages"
    monkeypatch.setattr(gecolib.pdf, "html_to_pdf", real_html_to_pdf)
    html = captured[0]

    def bare():
        from weasyprint import HTML

        base_url = gecolib.pdf.static_base_dir().as_uri() + "/"
        return HTML(string=html, base_url=base_url).write_pdf()

    # Alternate the two so that a change of load on the machine hits both alike.
    bare_runs, endpoint_runs = [], []
    for _ in range(RUNS):
        bare_runs.append(timed(bare))
        endpoint_runs.append(timed(lambda: client.get(url)))
    endpoint = statistics.median(wall for wall, _ in endpoint_runs)
    endpoint_cpu = statistics.median(cpu for _, cpu in endpoint_runs)
    weasy = statistics.median(wall for wall, _ in bare_runs)
    weasy_cpu = statistics.median(cpu for _, cpu in bare_runs)
    ratio, ratio_cpu = endpoint / weasy, endpoint_cpu / weasy_cpu
    ok = ratio <= 1.2 and endpoint < 2
    ok_cpu = ratio_cpu <= 1.2 and endpoint_cpu < 2
    print(
        f"\nPDF du projet de santé : {pages} pages, {len(response.content) / 1024:.0f} Kio "
        f"(médianes de {RUNS} rendus, temps réel / temps CPU)\n"
        f"  point d'accès                : {endpoint:.3f} s / {endpoint_cpu:.3f} s\n"
        f"  WeasyPrint seul (même HTML)  : {weasy:.3f} s / {weasy_cpu:.3f} s\n"
        f"  rapport                      : {ratio:.2f}× / {ratio_cpu:.2f}×\n"
        f"  objectif (≤ 1,2× et < 2 s)   : temps réel {'atteint' if ok else 'NON atteint'}, "
        f"temps CPU {'atteint' if ok_cpu else 'NON atteint'}"
    )
