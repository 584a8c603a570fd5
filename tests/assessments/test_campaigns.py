"""A campaign from opening to its plan: invitations, answers saved and
finished, one's own answers only, the synthesis (hidden below 3 answers,
disagreement flagged), the consensus, the comparison with the previous
campaign, the plan's actions followed like RCP decisions, the PDF."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.models import Action, Answer, Campaign, Consensus
from assessments.reminders import ActionDueSoon, ActionOverdue, CampaignClosingSoon
from assessments.synthesis import synthesis
from gecolib.reminders import run_reminders
from gecolib.todos import todos_for
from tests.assessments.factories import (
    answer_all,
    close,
    dimensions,
    open_campaign,
    retain,
    starter_grid,
)
from tests.factories import MembershipFactory, tokened

pytestmark = pytest.mark.django_db

PRIVATE_COMMENT = "Je trouve que nos RCP manquent de préparation"


def _members(structure, count):
    return [MembershipFactory(structure=structure).user for _ in range(count)]


def test_coordinator_opens_a_campaign_and_every_member_is_invited(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    grid = starter_grid()
    closes = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("assessments:campaign_create", args=[structure.pk]),
            tokened({"grid": grid.pk, "title": "Autoévaluation 2026", "closes_on": closes}),
        )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    assert campaign.grid_version == grid.version_number >= 1
    assert set(campaign.participants.values_list("user", flat=True)) == {member.pk, coordinator.pk}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, coordinator.email]
    )
    assert "Autoévaluation 2026" in mail.outbox[0].subject
    todo = [t for t in todos_for(member) if t.key.startswith("assessment-answer")]
    assert todo and todo[0].due == closes


def test_a_closing_date_in_the_past_is_refused(client_for, structure, coordinator):
    response = client_for(coordinator).post(
        reverse("assessments:campaign_create", args=[structure.pk]),
        tokened(
            {
                "grid": starter_grid().pk,
                "title": "Autoévaluation",
                "closes_on": timezone.localdate() - datetime.timedelta(days=1),
            }
        ),
    )
    assert response.status_code == 200
    assert "ne peut pas être passée" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_member_saves_comes_back_then_finishes(client_for, structure, coordinator, member):
    campaign = open_campaign(structure, coordinator)
    first, *others = dimensions(campaign.grid)
    level = campaign.grid.levels.get(value=3)
    url = reverse("assessments:campaign_answer", args=[campaign.pk])
    client = client_for(member)
    response = client.post(
        url,
        tokened(
            {"save": "1", f"level_{first.pk}": level.pk, f"comment_{first.pk}": PRIVATE_COMMENT}
        ),
    )
    assert response.status_code == 302
    answer = Answer.objects.get(author=member)
    assert (answer.level, answer.comment) == (level, PRIVATE_COMMENT)
    page = client.get(url).content.decode()
    assert PRIVATE_COMMENT in page and "checked" in page
    # Finishing asks for every dimension; nothing more is saved meanwhile.
    response = client.post(url, tokened({"finish": "1", f"level_{first.pk}": level.pk}))
    assert response.status_code == 400
    assert "Il en manque pour" in response.content.decode()
    assert campaign.participants.get(user=member).submitted_at is None
    data = {"finish": "1", **{f"level_{d.pk}": level.pk for d in [first, *others]}}
    assert client.post(url, tokened(data)).status_code == 302
    assert campaign.participants.get(user=member).submitted_at is not None
    assert Answer.objects.filter(author=member, level=level).count() == len(others) + 1
    assert not [t for t in todos_for(member) if t.key.startswith("assessment-answer")]


def test_a_comment_identifying_a_patient_is_refused(client_for, structure, coordinator, member):
    campaign = open_campaign(structure, coordinator)
    first = dimensions(campaign.grid)[0]
    response = client_for(member).post(
        reverse("assessments:campaign_answer", args=[campaign.pk]),
        tokened({"save": "1", f"comment_{first.pk}": "Patient joignable au 06 12 34 56 78"}),
    )
    assert response.status_code == 400
    assert "identifier un patient" in response.content.decode()
    assert not Answer.objects.exists()


def test_nobody_but_the_author_reads_an_answer(client_for, world):
    """Not the coordinator, not the binôme, not staff: on every page of the
    campaign, open or closed, and in its report."""
    structure, member, coordinator = world["structure"], world["member"], world["coordinator"]
    extra = _members(structure, 2)
    campaign = open_campaign(structure, coordinator)
    answer_all(campaign, member, 2, comment=PRIVATE_COMMENT)
    for user in extra:
        answer_all(campaign, user, 3)
    readers = [coordinator, world["facilitator"], world["project_officer"], world["staff"]]
    pages = ["campaign", "campaign_answer"]
    for user in readers:
        client = client_for(user)
        for name in pages:
            response = client.get(reverse(f"assessments:{name}", args=[campaign.pk]))
            assert PRIVATE_COMMENT not in response.content.decode(), (user, name)
    close(campaign)
    for user in readers:
        client = client_for(user)
        for name in [*pages, "campaign_consensus"]:
            response = client.get(reverse(f"assessments:{name}", args=[campaign.pk]))
            assert PRIVATE_COMMENT not in response.content.decode(), (user, name)
    # The author still reads theirs.
    own = client_for(member).get(reverse("assessments:campaign_answer", args=[campaign.pk]))
    assert PRIVATE_COMMENT in own.content.decode()


def test_synthesis_is_hidden_below_three_answers(structure, coordinator, member):
    campaign = open_campaign(structure, coordinator)
    answer_all(campaign, member, 1)
    answer_all(campaign, coordinator, 4)
    close(campaign)
    row = synthesis(campaign).axes[0].dimensions[0]
    assert row.total == 2 and not row.shown and row.spread is None


def test_synthesis_counts_levels_without_names_and_flags_disagreement(
    client_for, structure, coordinator, member
):
    campaign = open_campaign(structure, coordinator)
    third = _members(structure, 1)[0]
    answer_all(campaign, member, 1)
    answer_all(campaign, coordinator, 4)
    answer_all(campaign, third, 4)
    close(campaign)
    row = synthesis(campaign).axes[0].dimensions[0]
    assert row.shown and [count for _level, count in row.counts] == [1, 0, 0, 2]
    assert row.spread == 3 and row.disagreement
    page = client_for(member).get(campaign.get_absolute_url()).content.decode()
    assert "avis partagés" in page and "graphique-axe-1" in page and "tableau-axe-1" in page
    assert member.last_name not in page.split('id="synthese"')[1]


def test_consensus_and_comparison_with_the_previous_campaign(
    client_for, structure, coordinator, member
):
    previous = open_campaign(structure, coordinator, title="Autoévaluation 2025")
    previous.opened_at -= datetime.timedelta(days=365)
    previous.save()
    close(previous, days_ago=300)
    retain(previous, 1)
    first = dimensions(previous.grid)[0]
    done = Action.objects.create(
        campaign=previous,
        dimension=first,
        title="Envoyer l'ordre du jour une semaine avant",
        owner=member,
        due_date=timezone.localdate(),
    )
    done.mark_done(by=member, comment="Fait depuis mars.")
    campaign = close(open_campaign(structure, coordinator))
    level = campaign.grid.levels.get(value=3)
    response = client_for(coordinator).post(
        reverse("assessments:campaign_consensus", args=[campaign.pk]),
        {
            f"level_{first.pk}": level.pk,
            f"note_{first.pk}": "Progrès net sur la préparation des RCP.",
            "reunion-meeting_on": timezone.localdate().isoformat(),
            "reunion-meeting_label": "RCP amélioration des pratiques",
        },
    )
    assert response.status_code == 302
    consensus = Consensus.objects.get(campaign=campaign)
    assert consensus.level == level and consensus.recorded_by == coordinator
    result = synthesis(campaign)
    row = result.axes[0].dimensions[0]
    assert result.previous == previous and row.previous_level.value == 1 and row.level == level
    assert result.previous_actions == [done]
    page = client_for(member).get(campaign.get_absolute_url()).content.decode()
    assert "Campagne précédente" in page and "Envoyer l&#x27;ordre du jour" in page
    assert "Fait depuis mars." in page


def test_the_plan_is_followed_like_rcp_decisions(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    campaign = close(open_campaign(structure, coordinator))
    first = dimensions(campaign.grid)[0]
    due = timezone.localdate() + datetime.timedelta(days=2)
    response = client_for(coordinator).post(
        reverse("assessments:action_create", args=[campaign.pk]),
        tokened(
            {
                "dimension": first.pk,
                "title": "Relire les décisions ouvertes en début de RCP",
                "owner": member.pk,
                "due_date": due.isoformat(),
                "means": "Cinq minutes par réunion",
            }
        ),
    )
    assert response.status_code == 302
    action = Action.objects.get()
    todo = [t for t in todos_for(member) if t.key == f"assessment-action-{action.pk}"]
    assert todo and todo[0].due == due
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(kinds=[ActionDueSoon()]) == {"assessment_action_due": 1}
    assert run_reminders(kinds=[ActionDueSoon()]) == {"assessment_action_due": 0}
    assert mail.outbox[0].to == [member.email]
    later = timezone.localdate() + datetime.timedelta(days=5)
    assert run_reminders(later, kinds=[ActionOverdue()]) == {"assessment_action_overdue": 1}
    response = client_for(member).post(
        reverse("assessments:action_done", args=[action.pk]), tokened({"comment": "Fait."})
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert not action.is_open and action.done_comment == "Fait." and action.done_by == member
    assert not [t for t in todos_for(member) if t.key == f"assessment-action-{action.pk}"]


def test_members_who_have_not_finished_are_reminded_before_closing(
    structure, coordinator, member, django_capture_on_commit_callbacks
):
    campaign = open_campaign(structure, coordinator, days=3)
    answer_all(campaign, coordinator, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(kinds=[CampaignClosingSoon()]) == {"assessment_closing": 1}
    assert mail.outbox[0].to == [member.email]


def test_the_report_has_the_synthesis_and_the_plan(client_for, structure, coordinator, member):
    campaign = close(open_campaign(structure, coordinator))
    response = client_for(member).get(reverse("assessments:campaign_pdf", args=[campaign.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_synthesis_reads_a_fixed_number_of_queries(
    django_assert_num_queries, structure, coordinator
):
    campaign = open_campaign(structure, coordinator)
    for user in _members(structure, 3):
        answer_all(campaign, user, 2)
    close(campaign)
    campaign = Campaign.objects.select_related("grid").get(pk=campaign.pk)
    # Levels, axes, dimensions, counts, members who answered, consensus,
    # previous campaign, actions.
    with django_assert_num_queries(8):
        synthesis(campaign)
    for user in _members(structure, 6):
        answer_all(campaign, user, 3)
    with django_assert_num_queries(8):
        synthesis(campaign)


def test_staff_see_the_network_without_structure_names(client_for, staff, structure, coordinator):
    campaign = close(open_campaign(structure, coordinator))
    retain(campaign, 2)
    page = client_for(staff).get(reverse("assessments:network")).content.decode()
    assert structure.name not in page
    assert "trop peu de campagnes" in page


def test_structure_page_and_dashboard_link_to_the_campaigns(
    client_for, structure, coordinator, member
):
    campaign = open_campaign(structure, coordinator)
    page = client_for(member).get(reverse("structures:detail", args=[structure.pk]))
    assert reverse("assessments:structure_campaigns", args=[structure.pk]) in page.content.decode()
    home = client_for(member).get(reverse("home")).content.decode()
    assert campaign.get_absolute_url() in home
