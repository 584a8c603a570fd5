"""Demo self-assessments, and the portal's evidence computed from the demo
RCPs, protocols and health project, at two data sizes."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.demo import DEMO_ESP
from assessments.models import Action, ActionStatus, Campaign
from assessments.synthesis import synthesis
from gecolib.evidence import evidence_choices, evidence_for
from protocols.rcp.figures import structure_figures
from structures.models import Structure
from tests.factories import StructureFactory
from tests.protocols.rcp.factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def test_demo_has_a_finished_campaign_with_its_plan_and_an_open_one(client_for):
    call_command("demo_data")
    esp = Structure.objects.get(name=DEMO_ESP)
    campaigns = Campaign.objects.filter(structure=esp)
    closed = [campaign for campaign in campaigns if campaign.is_closed]
    opened = [campaign for campaign in campaigns if campaign.is_open]
    assert len(closed) == 1 and len(opened) == 1
    result = synthesis(closed[0])
    assert result.answered == 4
    assert all(row.shown and row.level for axis in result.axes for row in axis.dimensions)
    statuses = set(Action.objects.filter(campaign=closed[0]).values_list("status", flat=True))
    assert statuses == {ActionStatus.DONE, ActionStatus.OPEN}
    # The open campaign compares with the closed one once it closes.
    assert opened[0].previous() == closed[0]
    call_command("demo_data")
    assert Campaign.objects.filter(structure=esp).count() == 2


def test_evidence_from_the_demo_at_two_data_sizes(django_assert_num_queries, client_for):
    call_command("demo_data")
    esp = Structure.objects.get(name=DEMO_ESP)
    keys = [key for key, _label in evidence_choices()]
    # One query per figure (RCPs, protocols, cooperation, health project).
    with django_assert_num_queries(len(keys)):
        figures = evidence_for([esp.pk])[esp.pk]
    year = structure_figures(esp, in_days(0).year)
    assert figures["rcp_held"].value == f"{year.held} sur 6"
    for _ in range(5):
        structure = StructureFactory()
        MeetingFactory(structure=structure, starts_at=in_days(-1))
    ids = list(Structure.objects.values_list("pk", flat=True))
    with django_assert_num_queries(len(keys)):
        larger = evidence_for(ids)
    assert larger[esp.pk] == figures
    # Shown beside the dimensions while a member answers.
    campaign = Campaign.objects.filter(structure=esp).open().get()
    member = campaign.participants.select_related("user").first().user
    page = client_for(member).get(reverse("assessments:campaign_answer", args=[campaign.pk]))
    assert f"{year.held} sur 6" in page.content.decode()
