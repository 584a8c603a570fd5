"""The health project's figure beside a self-assessment: its version and its
last submission to the ARS — one query, whatever the number of structures."""

import pytest

from gecolib.evidence import evidence_for
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def _structures(count: int, *, submit: bool):
    author = UserFactory(staff=True)
    structures = StructureFactory.create_batch(count)
    for structure in structures:
        project = HealthProject.objects.create(structure=structure)
        project.save_section(Section.TERRITORY, "Douze communes littorales.", by=author)
        if submit:
            project.submit(by=author)
    return structures


def test_version_and_submission():
    draft, *_ = _structures(1, submit=False)
    submitted, *_ = _structures(1, submit=True)
    nothing = StructureFactory()
    figures = evidence_for([draft.pk, submitted.pk, nothing.pk], ["health_project"])
    assert figures[draft.pk]["health_project"].value == "version 1 (Brouillon)"
    assert figures[draft.pk]["health_project"].met is False
    assert figures[submitted.pk]["health_project"].detail == "version 1 déposée à l'ARS"
    assert figures[nothing.pk]["health_project"].value == "pas encore commencé sur le portail"


@pytest.mark.parametrize("size", [2, 8])
def test_one_query(size, django_assert_num_queries):
    ids = [structure.pk for structure in _structures(size, submit=True)]
    with django_assert_num_queries(1):
        evidence_for(ids, ["health_project"])
