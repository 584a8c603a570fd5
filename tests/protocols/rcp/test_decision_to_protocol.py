"""A decision « à formaliser en protocole » opens a coordination protocol
draft of the structure, prefilled with the decision and its origin."""

import pytest
from django.urls import reverse

from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_organiser_starts_the_protocol_from_the_decision(
    client_for, coordinator, member, structure
):
    meeting = MeetingFactory(structure=structure, past=True)
    DecisionFactory(
        meeting=meeting, owner=member, text="Protocole de prévention des chutes", to_protocol=True
    )
    client = client_for(coordinator)
    page = client.get(reverse("rcp:meeting", args=[meeting.pk])).content.decode()
    create = reverse("protocols:protocol_create", kwargs={"structure_pk": structure.pk})
    assert f'href="{create}?title=Protocole%20de%20pr%C3%A9vention%20des%20chutes' in page
    start = page.index(f'href="{create}') + len('href="')
    link = page[start : page.index('"', start)].replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert 'value="Protocole de prévention des chutes"' in form
    assert "Décision de la RCP du" in form


def test_members_who_do_not_organise_see_no_link(client_for, member, structure):
    meeting = MeetingFactory(structure=structure, past=True)
    DecisionFactory(meeting=meeting, owner=member, to_protocol=True)
    page = client_for(member).get(reverse("rcp:meeting", args=[meeting.pk])).content.decode()
    assert "Rédiger le protocole" not in page
