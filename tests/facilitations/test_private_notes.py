"""Private notes never leave the binôme and staff: no team page, no
requester page, no e-mail, no dashboard."""

import pytest
from django.core import mail
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    SessionFactory,
)
from tests.facilitations.reminders import followup_reminders

pytestmark = pytest.mark.django_db

PRIVATE = "NOTE-PRIVEE-7Q3: tension dans l'équipe"
SHARED = "SYNTHESE-PARTAGEE-4K2"


@pytest.fixture
def logged(facilitation, professional, member):
    req = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.request = req
    facilitation.save()
    session = SessionFactory(
        facilitation=facilitation, shared_summary=SHARED, private_notes=PRIVATE
    )
    FollowUpFactory(facilitation=facilitation, session=session, assignee=member, overdue=True)
    return facilitation


def _team_pages(facilitation):
    return [
        reverse("facilitations:detail", args=[facilitation.pk]),
        reverse("facilitations:request_detail", args=[facilitation.request_id]),
        reverse("facilitations:request_list"),
        reverse("home"),
    ]


@pytest.mark.parametrize("role", ["member", "coordinator", "professional"])
def test_team_and_requester_see_shared_summary_never_private_notes(client_for, cast, logged, role):
    client = client_for(cast[role])
    detail = client.get(reverse("facilitations:detail", args=[logged.pk]))
    assert detail.status_code == 200
    assert [t.name for t in detail.templates][0] == "facilitations/detail_team.html"
    body = detail.content.decode()
    assert SHARED in body
    assert "Notes privées" not in body
    for url in _team_pages(logged):
        response = client.get(url)
        if response.status_code == 200:
            assert "NOTE-PRIVEE-7Q3" not in response.content.decode(), url


@pytest.mark.parametrize("role", ["facilitator", "project_officer", "staff"])
def test_binome_and_staff_see_private_notes(client_for, cast, logged, role):
    body = client_for(cast[role]).get(reverse("facilitations:detail", args=[logged.pk]))
    assert "NOTE-PRIVEE-7Q3" in body.content.decode()


def test_past_binome_member_still_sees_them(client, logged, facilitator, staff):
    from tests.factories import UserFactory, accept_charter

    successor = UserFactory(email="relais@exemple.fr", facilitator=True)
    accept_charter(successor)
    logged.assign(user=successor, by=staff)
    client.force_login(facilitator)
    body = client.get(reverse("facilitations:detail", args=[logged.pk])).content.decode()
    assert "NOTE-PRIVEE-7Q3" in body


def test_no_email_carries_private_notes(
    client, logged, professional, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        followup_reminders()
        logged.request.post_message(by=professional, body="Une question")
        logged.request.post_message(by=staff, body="Une réponse")
        client.force_login(professional)
        client.post(
            reverse("facilitations:request_create"),
            {
                "project_name": "Autre projet",
                "epci": logged.request.epci_id,
                "needs": [logged.request.needs.first().pk],
                "description": "Description",
                TOKEN_FIELD: new_token(),
            },
        )
    assert len(mail.outbox) >= 4
    for message in mail.outbox:
        assert "NOTE-PRIVEE-7Q3" not in message.subject + message.body
