"""The cooperation protocols' figure beside a self-assessment: active
declarations — one query, whatever the number of structures."""

import pytest

from gecolib.evidence import evidence_for
from protocols.cooperation.models.declarations import DeclarationStatus
from tests.factories import StructureFactory
from tests.protocols.cooperation.factories import DeclarationFactory, national

pytestmark = pytest.mark.django_db


def _structures(count: int):
    structures = StructureFactory.create_batch(count)
    for structure in structures:
        DeclarationFactory(structure=structure)
        DeclarationFactory(
            structure=structure, protocol=national("cystite"), status=DeclarationStatus.PREPARATION
        )
    return structures


def test_active_declarations_are_counted():
    structure, *_ = _structures(1)
    figure = evidence_for([structure.pk], ["cooperation_active"])[structure.pk]
    assert figure["cooperation_active"].value == "1"


@pytest.mark.parametrize("size", [2, 8])
def test_one_query(size, django_assert_num_queries):
    ids = [structure.pk for structure in _structures(size)]
    with django_assert_num_queries(1):
        result = evidence_for(ids, ["cooperation_active"])
    assert {result[pk]["cooperation_active"].value for pk in ids} == {"1"}
