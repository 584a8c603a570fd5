"""Memberships: invitations by e-mail, roles, end of membership, last coordinator."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from gecolib.models import User
from structures.enums import MembershipRole
from structures.models import Invitation, Membership
from tests.factories import PASSWORD
from tests.structures.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _confirmation_path(message) -> str:
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_invitation_flow_signup_then_confirmation(
    client, client_for, coordinator, structure, django_capture_on_commit_callbacks
):
    coordinator_client = client_for(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("structures:invite", args=[structure.pk]),
            {"email": "Kine.Nouveau@Exemple.fr", "role": MembershipRole.REFERENT},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(structure=structure)
    assert invitation.email == "kine.nouveau@exemple.fr"
    assert len(mail.outbox) == 1
    assert "ESP des Abers" in mail.outbox[0].subject
    assert "kine.nouveau@exemple.fr" in mail.outbox[0].body

    client.logout()
    mail.outbox.clear()
    response = client.post(
        reverse("account_signup"),
        {"email": "kine.nouveau@exemple.fr", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="kine.nouveau@exemple.fr")
    # Not verified yet: no membership.
    assert not Membership.objects.filter(user=user).exists()
    path = _confirmation_path(mail.outbox[-1])
    response = client.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(user=user, structure=structure)
    assert membership.role == MembershipRole.REFERENT
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_accepted_at_login(client, coordinator, structure):
    # An account whose address was not verified at invitation time joins at sign-in.
    user = UserFactory(email="pharma@exemple.fr")
    EmailAddress.objects.filter(user=user).update(verified=False)
    structure.invite("pharma@exemple.fr", MembershipRole.MEMBER, by=coordinator)
    assert not Membership.objects.filter(user=user).exists()
    EmailAddress.objects.filter(user=user).update(verified=True)
    response = client.post(
        reverse("account_login"), {"login": "pharma@exemple.fr", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, structure=structure).exists()


def test_inviting_a_verified_account_adds_it_at_once(client_for, coordinator, structure):
    user = UserFactory(email="deja@exemple.fr")
    response = client_for(coordinator).post(
        reverse("structures:invite", args=[structure.pk]),
        {"email": "deja@exemple.fr", "role": MembershipRole.MEMBER},
        follow=True,
    )
    assert "a rejoint l&#x27;équipe" in response.content.decode()
    assert Membership.objects.filter(user=user, structure=structure).exists()


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


def test_cancelled_invitation_is_not_accepted(client_for, coordinator, structure):
    invitation = InvitationFactory(structure=structure, email="annule@exemple.fr")
    client_for(coordinator).post(
        reverse("structures:invitation_cancel", args=[structure.pk, invitation.pk])
    )
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    user = UserFactory(email="annule@exemple.fr")
    assert Invitation.objects.accept_for(user, [user.email]) == []
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
