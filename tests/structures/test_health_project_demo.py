"""Demo health projects: several versions by several members, idempotent."""

import pytest

from gecolib.demo import load_users
from structures.demo import health_project as demo_health_project
from structures.demo import structures as demo
from structures.enums import HealthProjectSection
from structures.enums import HealthProjectStatus as Status
from structures.models import HealthProject

pytestmark = pytest.mark.django_db


def test_demo_health_projects_are_idempotent():
    users = load_users()
    demo.load(users)
    demo_health_project.load(users)
    demo_health_project.load(users)

    project = HealthProject.objects.get(structure__name="ESP de Lamballe-Penthièvre")
    assert project.status == Status.DRAFT
    versions = list(project.versions.order_by("number"))
    assert len(versions) == 5
    assert len({v.author.email for v in versions}) >= 4
    assert all(v.comment for v in versions)
    assert versions[0].created_at < versions[-1].created_at
    # Every section of the ARS template is written.
    assert set(project.sections) == set(HealthProjectSection.values)

    validated = HealthProject.objects.exclude(pk=project.pk).get()
    assert validated.status == Status.VALIDATED
    assert validated.structure.is_recognised
    assert validated.versions.filter(frozen=True).count() == 1


def test_demo_without_structures_does_nothing():
    demo_health_project.load(load_users())
    assert not HealthProject.objects.exists()
