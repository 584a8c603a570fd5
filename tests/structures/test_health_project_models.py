"""Health project versions, diff/restore, freezing and the status workflow."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.query import QuerySet

from gecolib import revisions
from gecolib.diff import diff_contents
from structures.enums import HealthProjectSection as Section
from structures.enums import HealthProjectStatus as Status
from structures.models import HealthProject, HealthProjectVersion
from structures.models.health_project import section_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(structure):
    return HealthProject.objects.create(structure=structure)


def test_every_save_is_a_version(project, coordinator, member):
    v1 = project.save_section(Section.TERRITORY, "Douze communes.", by=coordinator, comment="Début")
    v2 = project.save_section(Section.TEAM, "Six professionnels.", by=member)
    assert (v1.number, v2.number) == (1, 2)
    assert v1.author == coordinator and v1.comment == "Début"
    assert v2.content == {
        Section.TERRITORY: "Douze communes.",
        Section.TEAM: "Six professionnels.",
    }
    project.refresh_from_db()
    assert project.sections == v2.content
    # Emptying a section removes it from the version.
    v3 = project.save_section(Section.TEAM, "  ", by=member)
    assert Section.TEAM not in v3.content
    assert project.versions.count() == 3


def test_unknown_section_is_refused(project, member):
    with pytest.raises(ValidationError, match="Section inconnue"):
        project.save_revision({"annexe": "x"}, by=member)
    assert project.versions.count() == 0


def test_restore_creates_a_new_version(project, coordinator, member):
    project.save_section(Section.TERRITORY, "Version A", by=coordinator)
    project.save_section(Section.TERRITORY, "Version B", by=member)
    project.save_section(Section.ACCESS, "Accès", by=member)
    old = project.versions.get(number=1)
    restored = project.restore(old, by=member)
    assert restored.number == 4
    assert restored.restored_from == old
    assert restored.content == {Section.TERRITORY: "Version A"}
    assert restored.comment == "Restauration de la version 1"
    project.refresh_from_db()
    assert project.sections == {Section.TERRITORY: "Version A"}
    # History is untouched.
    assert project.versions.get(number=3).content[Section.ACCESS] == "Accès"


def test_version_number_is_allocated_under_a_lock_on_the_project(project, member):
    events = []
    real_lock, real_next = QuerySet.select_for_update, revisions.next_number

    def lock(self, *args, **kwargs):
        events.append(("lock", self.model))
        return real_lock(self, *args, **kwargs)

    def next_number(family):
        events.append(("number", family.model))
        return real_next(family)

    with (
        mock.patch.object(QuerySet, "select_for_update", lock),
        mock.patch.object(revisions, "next_number", next_number),
    ):
        project.save_section(Section.TERRITORY, "Texte", by=member)
    # The owner row is locked (by the project, then by the shared operation) before
    # max + 1 is read; the versions themselves are not locked.
    assert events[-2:] == [("lock", HealthProject), ("number", HealthProjectVersion)]
    assert ("lock", HealthProjectVersion) not in events


def test_versions_are_numbered_per_project(project, other_structure, member):
    other = HealthProject.objects.create(structure=other_structure)
    project.save_section(Section.TERRITORY, "A", by=member)
    project.save_section(Section.TERRITORY, "B", by=member)
    assert other.save_section(Section.TERRITORY, "C", by=member).number == 1


def test_version_of_another_project_is_not_restored(project, other_structure, member):
    other = HealthProject.objects.create(structure=other_structure)
    foreign = other.save_section(Section.TERRITORY, "Ailleurs", by=member)
    project.save_section(Section.TERRITORY, "Ici", by=member)
    with pytest.raises(ValidationError, match="n'appartient pas"):
        project.restore(foreign, by=member)


def test_restoring_the_current_text_is_refused(project, member):
    project.save_section(Section.TERRITORY, "A", by=member)
    latest = project.save_section(Section.TERRITORY, "B", by=member)
    with pytest.raises(ValidationError, match="rien à restaurer"):
        project.restore(latest, by=member)
    assert project.versions.count() == 2


def test_submit_freezes_the_version(project, coordinator, member):
    project.save_section(Section.TERRITORY, "Texte soumis", by=member)
    version = project.submit(by=coordinator)
    assert version.frozen and version.number == 1
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    frozen = HealthProjectVersion.objects.get(pk=version.pk)
    assert frozen.frozen and frozen.status == Status.SUBMITTED
    # No more edits, no restore, the frozen version itself never changes.
    with pytest.raises(ValidationError, match="ne peut être modifié"):
        project.save_section(Section.TERRITORY, "Autre", by=member)
    with pytest.raises(ValidationError, match="ne peut être modifié"):
        project.restore(frozen, by=member)
    frozen.comment = "retouche"
    with pytest.raises(ValidationError, match="figée"):
        frozen.save()
    with pytest.raises(ValidationError, match="figée"):
        frozen.delete()
    frozen.refresh_from_db()
    assert frozen.content == {Section.TERRITORY: "Texte soumis"} and frozen.comment == ""


def test_only_coordinators_and_staff_submit(project, member, staff):
    project.save_section(Section.TERRITORY, "Texte", by=member)
    with pytest.raises(PermissionDenied):
        project.submit(by=member)
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    project.submit(by=staff)
    assert project.status == Status.SUBMITTED


def test_empty_project_cannot_be_submitted(project, coordinator):
    with pytest.raises(ValidationError, match="au moins une section"):
        project.submit(by=coordinator)
    assert project.status == Status.DRAFT


def test_full_workflow_and_rework(project, coordinator, member, staff):
    project.save_section(Section.TERRITORY, "V1", by=member)
    project.submit(by=coordinator)
    project.record_carpec_opinion(by=staff)
    assert project.status == Status.CARPEC
    project.request_rework(by=staff)
    assert project.status == Status.TO_REWORK
    # Editing again reopens the draft, then a new submission freezes the new version.
    v2 = project.save_section(Section.TERRITORY, "V2", by=member)
    assert v2.status == Status.DRAFT
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    project.submit(by=coordinator)
    project.record_carpec_opinion(by=staff)
    project.validate(by=staff)
    project.refresh_from_db()
    assert project.status == Status.VALIDATED
    assert list(project.versions.filter(frozen=True).values_list("number", flat=True)) == [2, 1]


def test_reopen_after_rework(project, coordinator, member, staff):
    project.save_section(Section.TERRITORY, "V1", by=member)
    project.submit(by=coordinator)
    project.request_rework(by=staff)
    project.reopen(by=member)
    assert project.status == Status.DRAFT


@pytest.mark.parametrize(
    ("status", "method", "message"),
    [
        (Status.DRAFT, "validate", "ne peut être validé qu'après l'avis CARPEC"),
        (Status.DRAFT, "record_carpec_opinion", "suit une soumission"),
        (Status.DRAFT, "request_rework", "seul un projet soumis"),
        (Status.DRAFT, "reopen", "seul un projet à reprendre"),
        (Status.SUBMITTED, "submit", "seul un brouillon"),
        (Status.SUBMITTED, "validate", "ne peut être validé"),
        (Status.VALIDATED, "request_rework", "seul un projet soumis"),
        (Status.VALIDATED, "submit", "seul un brouillon"),
        (Status.TO_REWORK, "submit", "seul un brouillon"),
    ],
)
def test_invalid_transitions_are_refused(project, member, staff, status, method, message):
    project.save_section(Section.TERRITORY, "Texte", by=member)
    HealthProject.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        getattr(project, method)(by=staff)
    project.refresh_from_db()
    assert project.status == status


def test_reviews_are_for_staff(project, coordinator, member):
    project.save_section(Section.TERRITORY, "Texte", by=member)
    project.submit(by=coordinator)
    for method in ["record_carpec_opinion", "validate", "request_rework"]:
        with pytest.raises(PermissionDenied):
            getattr(project, method)(by=coordinator)
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED


def test_section_diffs_follow_the_template_order():
    fields = section_fields()
    diffs = diff_contents({Section.ACCESS: "a"}, {Section.ACCESS: "b", Section.COVER: "c"}, fields)
    assert [d.key for d in diffs] == list(Section.values)
    changed = {d.key for d in diffs if d.changed}
    assert changed == {Section.ACCESS, Section.COVER}
