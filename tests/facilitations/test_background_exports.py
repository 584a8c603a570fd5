"""Large statistics exports go to the background: the request is answered
with the job's page, whose file is the same as the one served at once."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from facilitations.views import stats as stats_views
from gecolib.models import ExportJob
from tests.facilitations.test_stats import build_volume

pytestmark = pytest.mark.django_db

SESSIONS_EXPORT = reverse("facilitations:sessions_export")
STATS_EXPORT = reverse("facilitations:stats_export")


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(stats_views, "BACKGROUND_ROWS", 5)


def download(client, response) -> bytes:
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Télécharger" in page
    file = client.get(reverse("export_job_file", args=[job.pk]))
    return b"".join(file.streaming_content)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_large_sessions_export_is_built_in_the_background(
    client_for, staff, small_threshold, export_format, django_capture_on_commit_callbacks
):
    build_volume(4)  # 8 sessions in 2025: above the threshold
    client = client_for(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(SESSIONS_EXPORT, {"annee": 2025, "format": export_format})
    raw = download(client, response)
    job = ExportJob.objects.get()
    assert (job.status, job.done, job.total) == ("pret", 8, 8)
    assert job.filename == f"seances-facilitations_2025.{export_format}"
    if export_format == "csv":
        assert raw.decode("utf-8-sig").count("\r\n") == 1 + 8
    else:
        assert load_workbook(io.BytesIO(raw))["Séances"].max_row == 1 + 8


def test_small_export_is_answered_at_once(client_for, staff, small_threshold):
    build_volume(2)  # 4 sessions
    response = client_for(staff).get(SESSIONS_EXPORT, {"annee": 2025, "format": "csv"})
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_large_statistics_workbook_in_the_background(
    client_for, staff, small_threshold, django_capture_on_commit_callbacks
):
    build_volume(4)
    client = client_for(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(STATS_EXPORT, {"annee": 2025, "format": "xlsx", "table": "all"})
    workbook = load_workbook(io.BytesIO(download(client, response)))
    assert "Séances" in workbook.sheetnames and len(workbook.sheetnames) > 5
    assert workbook["Séances"].max_row == 1 + 8


def test_nobody_else_gets_the_file(
    client_for, staff, facilitator, small_threshold, django_capture_on_commit_callbacks
):
    build_volume(4)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).get(SESSIONS_EXPORT, {"annee": 2025, "format": "csv"})
    job = ExportJob.objects.get()
    other = client_for(facilitator).get(reverse("export_job_file", args=[job.pk]))
    assert other.status_code == 404
