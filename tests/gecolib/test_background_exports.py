"""Large exports built in the background: the job, its progress, its file for
who asked only, and the sweep after a day."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from gecolib import background_exports
from gecolib.background_exports import register_export, start_export
from gecolib.models import ExportJob

pytestmark = pytest.mark.django_db


@register_export("tests-lines")
def lines(params, out, progress):
    total = params["rows"]
    for number in range(1, total + 1):
        out.write(f"ligne {number}\n".encode())
        progress(number, total)
    if params.get("fail"):
        raise RuntimeError("panne")


def start(user, rows=2500, **extra):
    request = RequestFactory().get("/")
    request.user = user
    return start_export(
        request,
        "tests-lines",
        {"rows": rows, **extra},
        title="Lignes de test",
        filename="lignes.txt",
        content_type="text/plain",
    )


def test_job_is_built_and_served_to_who_asked(
    professional, member, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(professional)
    job = ExportJob.objects.get()
    assert response.url == reverse("export_job", args=[job.pk])
    assert (job.status, job.done, job.total, job.percent) == ("pret", 2500, 2500, 100)

    page = client_for(professional).get(response.url).content.decode()
    assert "Télécharger lignes.txt" in page
    download = client_for(professional).get(reverse("export_job_file", args=[job.pk]))
    assert b"".join(download.streaming_content).count(b"\n") == 2500
    assert 'filename="lignes.txt"' in download["Content-Disposition"]
    # Somebody else gets nothing, not even the progress.
    for name in ("export_job", "export_job_progress", "export_job_file"):
        assert client_for(member).get(reverse(name, args=[job.pk])).status_code == 404


def test_progress_fragment_polls_until_done(professional, client_for):
    job = ExportJob.objects.create(
        user=professional, kind="tests-lines", title="Lignes", done=250, total=1000
    )
    client = client_for(professional)
    url = reverse("export_job_progress", args=[job.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert 'value="25"' in html and "<progress" in html and 'hx-trigger="every 1s"' in html
    assert "250 lignes sur 1000" in html
    ExportJob.objects.filter(pk=job.pk).update(status="pret")
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 286  # htmx stops polling
    assert "hx-trigger" not in done.content.decode()


def test_failed_job_keeps_no_file(professional, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(professional, rows=10, fail=True)
    job = ExportJob.objects.get()
    assert job.status == "echec"
    assert not background_exports.job_path(job).exists()
    assert (
        client_for(professional).get(reverse("export_job_file", args=[job.pk])).status_code == 404
    )


def test_built_once_even_if_queued_twice(professional, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(professional, rows=5)
    job = ExportJob.objects.get()
    assert background_exports.build(job.pk) == "pret"  # nothing rebuilt
    assert background_exports.job_path(job).read_bytes().count(b"\n") == 5


def test_sweep_deletes_jobs_older_than_a_day(professional, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(professional, rows=5)
    job = ExportJob.objects.get()
    assert background_exports.sweep() == 0
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert background_exports.sweep(later) == 1
    assert not ExportJob.objects.exists()
    assert not background_exports.job_path(job).exists()
