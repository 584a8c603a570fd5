"""The coordination protocols' figures beside a self-assessment: protocols
in application, reviews on time — one query each, whatever the number of
structures."""

import datetime

import pytest
from django.utils import timezone

from gecolib.evidence import evidence_for
from tests.factories import StructureFactory
from tests.protocols.coordination.factories import ProtocolFactory

pytestmark = pytest.mark.django_db

KEYS = ["protocols_in_application", "protocol_reviews_on_time"]


def _structures(count: int):
    structures = StructureFactory.create_batch(count)
    for structure in structures:
        ProtocolFactory(structure=structure, in_use=True)
        ProtocolFactory(
            structure=structure,
            in_use=True,
            review_date=timezone.localdate() - datetime.timedelta(days=3),
        )
        ProtocolFactory(structure=structure, validated=True)
        ProtocolFactory(structure=structure)  # in design: neither counted
    return structures


def test_protocols_in_application_and_reviews_on_time():
    structure, *_ = _structures(1)
    figures = evidence_for([structure.pk], KEYS)[structure.pk]
    assert figures["protocols_in_application"].value == "2"
    reviews = figures["protocol_reviews_on_time"]
    assert reviews.value == "2 sur 3" and reviews.met is False


@pytest.mark.parametrize("size", [2, 8])
def test_one_query_per_figure(size, django_assert_num_queries):
    ids = [structure.pk for structure in _structures(size)]
    with django_assert_num_queries(len(KEYS)):
        result = evidence_for(ids, KEYS)
    assert {result[pk]["protocols_in_application"].value for pk in ids} == {"2"}
