"""The RCPs' figures beside a self-assessment (gecolib/evidence.py): held
against the target of 6, agendas sent 7 days ahead, minutes sent, decisions
done on time — one query each, whatever the number of structures."""

import datetime

import pytest
from django.utils import timezone

from gecolib.evidence import evidence_for
from protocols.rcp.enums import DecisionStatus
from tests.factories import StructureFactory
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db

KEYS = ["rcp_held", "rcp_agenda_ahead", "rcp_minutes_sent", "rcp_decisions_on_time"]


def _held(structure, days_ago: int, *, agenda_days_before: int | None, minutes: bool):
    starts = in_days(-days_ago)
    meeting = MeetingFactory(structure=structure, starts_at=starts)
    if agenda_days_before is not None:
        meeting.agenda_sent_at = starts - datetime.timedelta(days=agenda_days_before)
    if minutes:
        meeting.minutes_validated_at = starts + datetime.timedelta(days=2)
    meeting.save()
    return meeting


def _structures(count: int):
    structures = StructureFactory.create_batch(count)
    for structure in structures:
        first = _held(structure, 3, agenda_days_before=8, minutes=True)
        _held(structure, 2, agenda_days_before=2, minutes=False)
        DecisionFactory(
            meeting=first,
            status=DecisionStatus.DONE,
            due_date=timezone.localdate(),
            closed_at=timezone.now() - datetime.timedelta(days=1),
        )
        DecisionFactory(
            meeting=first,
            status=DecisionStatus.DONE,
            due_date=timezone.localdate() - datetime.timedelta(days=2),
            closed_at=timezone.now(),
        )
    return structures


def test_rcp_figures_of_the_year():
    structure, *_ = _structures(1)
    today = timezone.localdate()
    figures = evidence_for([structure.pk], KEYS, today=today)[structure.pk]
    assert figures["rcp_held"].value == "2 sur 6" and figures["rcp_held"].met is False
    assert figures["rcp_agenda_ahead"].value == "50 %"
    assert figures["rcp_minutes_sent"].value == "50 %"
    assert figures["rcp_decisions_on_time"].value == "50 %"
    empty = StructureFactory()
    nothing = evidence_for([empty.pk], KEYS, today=today)[empty.pk]
    assert nothing["rcp_held"].value == "0 sur 6" and nothing["rcp_minutes_sent"].value == "—"


@pytest.mark.parametrize("size", [2, 8])
def test_one_query_per_figure_whatever_the_number_of_structures(size, django_assert_num_queries):
    ids = [structure.pk for structure in _structures(size)]
    with django_assert_num_queries(len(KEYS)):
        result = evidence_for(ids, KEYS, today=timezone.localdate())
    assert {result[pk]["rcp_held"].value for pk in ids} == {"2 sur 6"}
