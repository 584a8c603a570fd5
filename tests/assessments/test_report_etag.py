"""The campaign's report carries an ETag known before rendering: a 304
builds neither the synthesis nor the PDF, and what the report shows changes it."""

import pytest
from django.urls import reverse

from assessments.models import Consensus
from tests.assessments.factories import answer_all, close, dimensions, open_campaign
from tests.conditional_documents import assert_304_without_rendering

pytestmark = pytest.mark.django_db


def report_url(campaign):
    return reverse("assessments:campaign_pdf", args=[campaign.pk])


def test_a_304_builds_neither_the_synthesis_nor_the_pdf(
    client_for, structure, coordinator, member, monkeypatch
):
    campaign = close(open_campaign(structure, coordinator))
    assert_304_without_rendering(
        client_for(member),
        report_url(campaign),
        monkeypatch,
        "assessments.views.campaigns.synthesis",
        "assessments.views.campaigns._report_context",
    )


def test_the_etag_follows_the_synthesis_and_the_campaign(
    client_for, structure, coordinator, member
):
    campaign = open_campaign(structure, coordinator)
    answer_all(campaign, member, 2)
    close(campaign)
    client = client_for(member)
    first = client.get(report_url(campaign))["ETag"]
    assert client.get(report_url(campaign))["ETag"] == first
    level = campaign.grid.levels.get(value=3)
    Consensus.objects.create(
        campaign=campaign,
        dimension=dimensions(campaign.grid)[0],
        level=level,
        recorded_by=coordinator,
    )
    second = client.get(report_url(campaign))["ETag"]
    assert second != first
    campaign.title = "Autoévaluation du printemps"
    campaign.save()
    assert client.get(report_url(campaign))["ETag"] not in {first, second}
