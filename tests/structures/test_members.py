"""Memberships: invitations by e-mail (the invitee's side is in test_invitations.py),
roles, end of membership, last coordinator."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from structures.enums import MembershipRole
from structures.models import Invitation, Membership
from tests.structures.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_duplicate_invitation_or_member_refused(client_for, coordinator, member, structure):
    client = client_for(coordinator)
    url = reverse("structures:invite", args=[structure.pk])
    response = client.post(url, {"email": member.email, "role": MembershipRole.MEMBER})
    assert "déjà membre" in response.content.decode()
    InvitationFactory(structure=structure, email="attente@exemple.fr")
    response = client.post(url, {"email": "ATTENTE@exemple.fr", "role": MembershipRole.MEMBER})
    assert "déjà en attente" in response.content.decode()
    assert Invitation.objects.count() == 1
    response = client.post(url, {"email": "pas-une-adresse", "role": MembershipRole.MEMBER})
    assert "adresse de courriel valide" in response.content.decode()


def test_cancelled_invitation_cannot_be_accepted(client_for, coordinator, structure):
    invitation = InvitationFactory(structure=structure, email="annule@exemple.fr")
    client_for(coordinator).post(
        reverse("structures:invitation_cancel", args=[structure.pk, invitation.pk])
    )
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    user = UserFactory(email="annule@exemple.fr")
    response = client_for(user).post(
        reverse("structures:invitation_accept", args=[invitation.token]), follow=True
    )
    assert "plus en attente" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_coordinator_changes_role_and_ends_membership(client_for, coordinator, member, structure):
    client = client_for(coordinator)
    membership = member.memberships.get()
    client.post(
        reverse("structures:membership_role", args=[structure.pk, membership.pk]),
        {f"m{membership.pk}-role": MembershipRole.COORDINATOR},
    )
    membership.refresh_from_db()
    assert membership.role == MembershipRole.COORDINATOR
    client.post(
        reverse("structures:membership_end", args=[structure.pk, membership.pk]),
        {f"e{membership.pk}-end_date": ""},
    )
    membership.refresh_from_db()
    assert membership.end_date is not None
    assert not membership.is_current
    html = client.get(reverse("structures:members", args=[structure.pk])).content.decode()
    assert "Anciens membres" in html


def test_last_coordinator_cannot_be_demoted_or_removed(client_for, coordinator, structure):
    client = client_for(coordinator)
    membership = coordinator.memberships.get()
    response = client.post(
        reverse("structures:membership_role", args=[structure.pk, membership.pk]),
        {f"m{membership.pk}-role": MembershipRole.MEMBER},
        follow=True,
    )
    assert "dernier coordinateur" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.COORDINATOR
    response = client.post(
        reverse("structures:membership_end", args=[structure.pk, membership.pk]),
        {f"e{membership.pk}-end_date": ""},
        follow=True,
    )
    assert "dernier coordinateur" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None
    with pytest.raises(ValidationError, match="dernier coordinateur"):
        membership.end(by=coordinator)


def test_end_date_before_start_refused(client_for, coordinator, member, structure):
    membership = member.memberships.get()
    response = client_for(coordinator).post(
        reverse("structures:membership_end", args=[structure.pk, membership.pk]),
        {f"e{membership.pk}-end_date": "2000-01-01"},
        follow=True,
    )
    assert "ne peut pas précéder" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None


def test_members_page_lists_contacts_and_warnings(client_for, staff, coordinator, structure):
    html = client_for(staff).get(reverse("structures:members", args=[structure.pk])).content
    html = html.decode()
    assert coordinator.email in html
    # Only a GP: the ESP lacks a paramedical professional.
    assert "professionnel(s) paramédical(aux)" in html
