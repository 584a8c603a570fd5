"""Who read a structure's RCPs and no longer does (finding 5; issue 19,
principle 2): a facilitator whose assignment ended and a member who left get
a 404 on every RCP page of the structure, find it in no list and no calendar
feed, and receive no e-mail (test_recipients.py) — even for cases written
after they left. The facilitator keeps reading the structure's page (its
private data), without the RCP figures."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.models import CalendarFeedToken
from protocols.rcp.models import Invitee
from structures.models import Membership
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CASE = "Patiente de 91 ans, dénutrition"


@pytest.fixture
def meeting(structure, member):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting, title=CASE)
    return meeting


def _pages(meeting, decision):
    structure = meeting.structure_id
    return [
        reverse("rcp:structure", args=[structure]),
        reverse("rcp:decisions", args=[structure]),
        reverse("rcp:figures", args=[structure]),
        reverse("rcp:meeting", args=[meeting.pk]),
        reverse("rcp:meeting_ics", args=[meeting.pk]),
        reverse("rcp:minutes_versions", args=[meeting.pk]),
    ]


def test_a_facilitator_whose_assignment_ended_reads_no_rcp(
    client_for, structure, facilitation, facilitator, meeting, member
):
    decision = DecisionFactory(meeting=meeting, owner=member)
    Invitee.objects.create(meeting=meeting, user=facilitator)
    feed = CalendarFeedToken.renew(facilitator)
    client = client_for(facilitator)
    # Reading while assigned.
    assert client.get(reverse("rcp:meeting", args=[meeting.pk])).status_code == 200

    facilitator.facilitation_assignments.update(ended_at=timezone.now())
    # A case written after they left.
    AgendaItemFactory(meeting=meeting, title="Homme de 58 ans, sortie d'hospitalisation")
    for url in _pages(meeting, decision):
        assert client.get(url).status_code == 404, url
    close = reverse("rcp:decision_close", args=[decision.pk])
    assert client.post(close, {"action": "done"}).status_code == 404
    index = client.get(reverse("rcp:index")).content.decode()
    assert structure.name not in index
    calendar = client.get(reverse("calendar_feed", kwargs={"token": feed.token})).content
    assert f"rcp-{meeting.pk}@".encode() not in calendar
    # The structure's page stays theirs, without the RCP figures.
    page = client.get(reverse("structures:detail", args=[structure.pk]))
    assert page.status_code == 200
    assert reverse("rcp:structure", args=[structure.pk]) not in page.content.decode()


def test_a_member_who_left_reads_no_rcp(client_for, structure, member, meeting):
    decision = DecisionFactory(meeting=meeting, owner=member)
    client = client_for(member)
    assert CASE in client.get(reverse("rcp:meeting", args=[meeting.pk])).content.decode()
    Membership.objects.filter(user=member, structure=structure).update(
        end_date=timezone.localdate()
    )
    for url in _pages(meeting, decision):
        assert client.get(url).status_code == 404, url
