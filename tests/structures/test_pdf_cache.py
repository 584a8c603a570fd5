"""The health project's PDF is rendered once per distinct content, served with
an ETag, answered 304 on a conditional GET, and rendered ahead of time when a
version is frozen."""

import os

import pytest
from django.urls import reverse

from gecolib import pdf
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(structure, coordinator):
    project = HealthProject.objects.create(structure=structure)
    project.save_revision({Section.TERRITORY: "Douze communes."}, by=coordinator, comment="v1")
    return project


@pytest.fixture
def renders(monkeypatch):
    """Counts the WeasyPrint renderings."""
    calls = []
    real = pdf.html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return calls


def pdf_url(structure):
    return reverse("structures:health_project_pdf", args=[structure.pk])


def test_second_request_is_served_from_the_cache(
    client_for, coordinator, project, structure, renders
):
    client = client_for(coordinator)
    first = client.get(pdf_url(structure))
    second = client.get(pdf_url(structure))
    assert first.status_code == second.status_code == 200
    assert len(renders) == 1
    assert first.content == second.content
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith('"')
    assert "Last-Modified" in second
    assert second["Cache-Control"] == "private, no-store"


def test_conditional_get_answers_304(client_for, coordinator, project, structure, renders):
    client = client_for(coordinator)
    etag = client.get(pdf_url(structure))["ETag"]
    response = client.get(pdf_url(structure), headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(renders) == 1
    stale = client.get(pdf_url(structure), headers={"If-None-Match": '"autre"'})
    assert stale.status_code == 200


def test_what_feeds_the_document_changes_its_etag(
    client_for, coordinator, project, structure, renders
):
    client = client_for(coordinator)
    before = client.get(pdf_url(structure))["ETag"]
    structure.name = "ESP des Abers et du Léon"
    structure.save()
    after = client.get(pdf_url(structure))
    assert after["ETag"] != before
    assert len(renders) == 2
    project.save_revision({Section.TERRITORY: "Treize communes."}, by=coordinator, comment="v2")
    assert client.get(pdf_url(structure))["ETag"] not in {before, after["ETag"]}


def test_submission_renders_the_frozen_version_ahead(
    client_for, coordinator, project, structure, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("structures:health_project_transition", args=[structure.pk, "soumettre"])
        )
    assert response.status_code == 302
    assert len(renders) == 1  # rendered by the task, eagerly here
    version_url = reverse("structures:health_project_version_pdf", args=[structure.pk, 1])
    assert client_for(coordinator).get(version_url).status_code == 200
    assert len(renders) == 1  # the download came from the cache


def test_sweep_deletes_what_nobody_asked_for(settings, tmp_path):
    settings.GECOLIB_PDF_CACHE_DIR = tmp_path
    data, digest, _ = pdf.cached_pdf("<p>Bonjour</p>")
    assert data.startswith(b"%PDF")
    assert pdf.sweep_pdf_cache(30) == 0
    path = tmp_path / digest[:2] / f"{digest}.pdf"
    old = path.stat().st_mtime - 31 * 86400
    os.utime(path, (old, old))
    assert pdf.sweep_pdf_cache(30) == 1
    assert not path.exists()


def test_a_304_builds_neither_the_context_nor_the_html(
    client_for, coordinator, project, structure, monkeypatch, django_assert_max_num_queries
):
    client = client_for(coordinator)
    etag = client.get(pdf_url(structure))["ETag"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("rendered for a 304")

    monkeypatch.setattr(pdf, "render_html", must_not_run)
    monkeypatch.setattr("structures.documents.document_context", must_not_run)
    # The session and its user, the structure (through the access check), the
    # project and its latest version: no team, no sections.
    with django_assert_max_num_queries(6):
        response = client.get(pdf_url(structure), headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    # A PDF already kept is served without rendering either.
    assert client.get(pdf_url(structure)).status_code == 200


def test_the_team_and_its_names_change_the_etag(
    client_for, coordinator, member, project, structure, renders
):
    client = client_for(coordinator)
    first = client.get(pdf_url(structure))["ETag"]
    member.last_name = "Le Bihan-Kervella"
    member.save()
    second = client.get(pdf_url(structure))["ETag"]
    assert second != first
    membership = structure.memberships.get(user=member)
    membership.delete()
    third = client.get(pdf_url(structure))["ETag"]
    assert third not in {first, second}
    member.save(update_fields=["last_login"])  # a sign-in changes nothing shown
    assert client.get(pdf_url(structure))["ETag"] == third
    assert len(renders) == 3
