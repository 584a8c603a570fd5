"""Figures per structure and year (RCPs against 6, situations, attendance by
profession, decisions done on time), on the structure page, in the health
project's RCP section, exported as CSV and XLSX; staff see every structure."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from protocols.rcp.enums import DecisionStatus, ItemKind
from protocols.rcp.figures import figures_across_structures, structure_figures
from protocols.rcp.models import AgendaItem
from structures.enums import HealthProjectSection
from structures.sections import health_project_inserts
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 30)))


@pytest.fixture
def year_of_rcps(structure, coordinator, member):
    """Two RCPs held last year, one cancelled, one upcoming next year."""
    year = timezone.localdate().year - 1
    held = [
        MeetingFactory(structure=structure, starts_at=_at(datetime.date(year, month, 10)))
        for month in (3, 9)
    ]
    cancelled = MeetingFactory(structure=structure, starts_at=_at(datetime.date(year, 5, 12)))
    cancelled.status = "annulee"
    cancelled.save()
    for meeting in held:
        AgendaItem.objects.create(meeting=meeting, kind=ItemKind.CASE, title="Cas")
    AgendaItem.objects.create(meeting=held[0], kind=ItemKind.INFORMATION, title="Info")
    held[0].invitees.filter(user=coordinator).update(attendance="present")
    held[0].invitees.filter(user=member).update(attendance="excuse")
    held[1].invitees.update(attendance="present")
    on_time = DecisionFactory(meeting=held[0], owner=member, due_date=datetime.date(year, 4, 1))
    on_time.mark_done(by=member)
    on_time.closed_at = _at(datetime.date(year, 3, 20))
    on_time.save()
    late = DecisionFactory(meeting=held[0], owner=member, due_date=datetime.date(year, 4, 1))
    late.mark_done(by=member)
    DecisionFactory(meeting=held[1], owner=member, status=DecisionStatus.OPEN, ppcs=True)
    return year


def test_structure_figures(structure, year_of_rcps):
    figures = structure_figures(structure, year_of_rcps)
    assert figures.held == 2 and not figures.target_reached
    assert figures.situations == 2
    assert figures.decisions["made"] == 3
    assert figures.decisions["done"] == 2
    assert figures.decisions["done_on_time"] == 1
    assert figures.decisions["ppcs"] == 1
    assert figures.on_time_rate == 50
    rows = {row["profession"]: row for row in figures.attendance}
    assert rows["Médecin"]["present"] == 2
    assert rows["Infirmier"]["present"] == 1 and rows["Infirmier"]["excused"] == 1


def test_figures_cost_a_fixed_number_of_queries(structure, year_of_rcps, django_assert_num_queries):
    with django_assert_num_queries(4):
        structure_figures(structure, year_of_rcps)
    with django_assert_num_queries(4):
        figures_across_structures(year_of_rcps)


def test_exports(client, structure, member, staff, year_of_rcps):
    client.force_login(member)
    url = reverse("rcp:figures_export", args=[structure.pk, "csv"])
    response = client.get(url, {"year": year_of_rcps})
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert ["RCP tenues", "2"] in rows and ["Situations examinées", "2"] in rows
    response = client.get(reverse("rcp:figures_export", args=[structure.pk, "xlsx"]))
    assert load_workbook(io.BytesIO(response.getvalue())).active.cell(1, 1).value == "Structure"
    assert client.get(reverse("rcp:figures_export", args=[structure.pk, "pdf"])).status_code == 404

    client.force_login(staff)
    response = client.get(reverse("rcp:figures_all"), {"year": year_of_rcps})
    assert structure.name in response.content.decode()
    response = client.get(reverse("rcp:figures_all_export", args=["xlsx"]), {"year": year_of_rcps})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [cell.value for cell in sheet[2]][:4] == [structure.name, 2, "non", 2]


def test_structure_page_and_health_project_show_the_figures(
    client, structure, member, professional
):
    MeetingFactory(structure=structure, past=True)
    client.force_login(member)
    content = client.get(reverse("structures:detail", args=[structure.pk])).content.decode()
    assert f"RCP en {timezone.localdate().year}" in content
    assert reverse("rcp:structure", args=[structure.pk]) in content
    # The protocols app adds its own lists under the same section.
    (insert,) = [
        insert
        for insert in health_project_inserts(structure, HealthProjectSection.RCP_PROTOCOLS)
        if insert.template.startswith("rcp/")
    ]
    assert insert.context["figures"].held == 1
    assert health_project_inserts(structure, HealthProjectSection.TERRITORY) == []
