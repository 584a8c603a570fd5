"""The RCP admin runs the same identity check as the portal's pages, and
asks for the same confirmation of a possible name."""

import pytest
from django.urls import reverse

from gecolib.team_data import CONFIRM_NAMES_FIELD
from protocols.rcp.minutes import minutes_content
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, staff):
    staff.is_superuser = True
    staff.save()
    return client_for(staff)


def test_the_admin_pages_render(admin_client, structure, member, coordinator):
    meeting = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=meeting)
    decision = DecisionFactory(meeting=meeting, owner=member)
    revision = meeting.save_revision(minutes_content(meeting), by=coordinator)
    client = admin_client
    for name, pk in (
        ("admin:rcp_meeting_change", meeting.pk),
        ("admin:rcp_decision_change", decision.pk),
        ("admin:rcp_minutesrevision_change", revision.pk),
    ):
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 200, name
        assert f'name="{CONFIRM_NAMES_FIELD}"' in response.content.decode()


def test_the_admin_refuses_identity_and_confirms_names(admin_client, structure, member):
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    client = admin_client
    url = reverse("admin:rcp_decision_change", args=[decision.pk])
    data = {
        "meeting": decision.meeting_id,
        "text": "Rappeler au 06 12 34 56 78",
        "owner": member.pk,
        "created_by": member.pk,
        "due_date": decision.due_date.isoformat(),
        "status": decision.status,
        "created_at_0": "01/01/2026",
        "created_at_1": "12:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "numéro de téléphone" in response.content.decode()
    data["text"] = "Voir avec Mme Le Goff"
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'type="checkbox" name="{CONFIRM_NAMES_FIELD}"' in response.content.decode()
    response = client.post(url, {**data, CONFIRM_NAMES_FIELD: "on"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision.refresh_from_db()
    assert decision.text == "Voir avec Mme Le Goff"
