"""Nobody joins a team without saying yes (issue 8, finding 4): an invitation
waits for its recipient's answer even when the address already has an account;
the coordinator gets the same answer whoever owns the address; a member's
contact details appear only once they joined."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import User
from structures.enums import MembershipRole
from structures.models import Invitation, Membership
from tests.factories import PASSWORD
from tests.structures.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, structure, email, role=MembershipRole.MEMBER, token=None, **kwargs):
    return client.post(
        reverse("structures:invite", args=[structure.pk]),
        {"email": email, "role": role, TOKEN_FIELD: token or new_token()},
        **kwargs,
    )


def _link_path(message) -> str:
    link = re.search(r"https?://\S+/structures/invitations/\S+/", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _confirmation_path(message) -> str:
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_an_existing_account_is_not_enrolled_without_its_consent(
    client_for, coordinator, structure, django_capture_on_commit_callbacks
):
    user = UserFactory(email="deja@exemple.fr", phone="06 12 34 56 78")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for(coordinator), structure, "deja@exemple.fr")
    invitation = Invitation.objects.get(structure=structure)
    assert invitation.is_pending
    assert not Membership.objects.filter(user=user, structure=structure).exists()
    # The invitee sees it on their page and in the e-mail's link, and accepts.
    client = client_for(user)
    listing = client.get(reverse("structures:invitations")).content.decode()
    assert "ESP des Abers" in listing and "Rejoindre l'équipe" in listing
    page = client.get(_link_path(mail.outbox[-1]))
    assert page.status_code == 200
    assert "ESP des Abers" in page.content.decode()
    assert coordinator.display_name in page.content.decode()
    response = client.post(reverse("structures:invitation_accept", args=[invitation.token]))
    assert response["Location"] == reverse("structures:detail", args=[structure.pk])
    assert Membership.objects.get(user=user, structure=structure).role == MembershipRole.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.answered_by == user
    # The coordinator sees the decision.
    members_page = client_for(coordinator).get(reverse("structures:members", args=[structure.pk]))
    assert "deja@exemple.fr – acceptée le" in members_page.content.decode()


def test_the_invitee_declines(client_for, coordinator, structure):
    user = UserFactory(email="non@exemple.fr")
    _invite(client_for(coordinator), structure, "non@exemple.fr")
    invitation = Invitation.objects.get()
    response = client_for(user).post(
        reverse("structures:invitation_decline", args=[invitation.token])
    )
    assert response["Location"] == reverse("structures:invitations")
    invitation.refresh_from_db()
    assert invitation.declined_at is not None and invitation.accepted_at is None
    assert not Membership.objects.filter(user=user).exists()
    # Declined: no longer answerable, and the coordinator may invite again.
    client_for(user).post(reverse("structures:invitation_accept", args=[invitation.token]))
    assert not Membership.objects.filter(user=user).exists()
    members_page = client_for(coordinator).get(reverse("structures:members", args=[structure.pk]))
    assert "non@exemple.fr – déclinée le" in members_page.content.decode()
    _invite(client_for(coordinator), structure, "non@exemple.fr")
    assert Invitation.objects.pending().filter(email="non@exemple.fr").count() == 1


def test_another_account_cannot_answer(client_for, coordinator, structure, professional):
    invitation = InvitationFactory(structure=structure, email="destinataire@exemple.fr")
    client = client_for(professional)
    page = client.get(reverse("structures:invitation", args=[invitation.token]))
    assert page.status_code == 403
    html = page.content.decode()
    assert "envoyée à une autre adresse que celle de votre compte" in html
    assert "ESP des Abers" not in html
    for name in ("structures:invitation_accept", "structures:invitation_decline"):
        assert client.post(reverse(name, args=[invitation.token])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert not Membership.objects.filter(user=professional).exists()
    assert "destinataire" not in client.get(reverse("structures:invitations")).content.decode()


def test_an_unverified_address_cannot_answer(client_for, structure):
    user = UserFactory(email="pas-verifiee@exemple.fr")
    EmailAddress.objects.filter(user=user).update(verified=False)
    invitation = InvitationFactory(structure=structure, email="pas-verifiee@exemple.fr")
    response = client_for(user).post(
        reverse("structures:invitation_accept", args=[invitation.token])
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=user).exists()


def test_a_forged_or_unknown_link_is_a_404(client_for, professional):
    client = client_for(professional)
    assert client.get(reverse("structures:invitation", args=["1:forged"])).status_code == 404
    assert client.get(reverse("structures:invitation", args=["abc"])).status_code == 404


def test_the_coordinator_gets_the_same_answer_for_known_and_unknown_addresses(
    client_for, coordinator, structure
):
    UserFactory(email="connu@exemple.fr")
    client = client_for(coordinator)
    known = _invite(client, structure, "connu@exemple.fr", follow=True)
    unknown = _invite(client, structure, "inconnu@exemple.fr", follow=True)

    def answer(response, email: str) -> list[str]:
        return [str(m).replace(email, "X") for m in response.context["messages"]]

    assert answer(known, "connu@exemple.fr") == ["Invitation envoyée à X."]
    assert answer(unknown, "inconnu@exemple.fr") == ["Invitation envoyée à X."]
    assert known.status_code == unknown.status_code == 200
    assert Invitation.objects.pending().count() == 2
    assert not Membership.objects.filter(user__email="connu@exemple.fr").exists()


def test_contact_details_appear_only_once_joined(client_for, coordinator, structure, member):
    user = UserFactory(email="discret@exemple.fr", phone="07 98 76 54 32")
    _invite(client_for(coordinator), structure, "discret@exemple.fr")
    pages = [
        reverse("structures:members", args=[structure.pk]),
        reverse("structures:detail", args=[structure.pk]),
    ]
    for viewer in (coordinator, member):
        client = client_for(viewer)
        for url in pages:
            response = client.get(url)
            if response.status_code == 200:
                assert "07 98 76 54 32" not in response.content.decode()
                assert user.display_name not in response.content.decode()
    invitation = Invitation.objects.get()
    client_for(user).post(reverse("structures:invitation_accept", args=[invitation.token]))
    detail = client_for(member).get(pages[1]).content.decode()
    assert "07 98 76 54 32" in detail and "discret@exemple.fr" in detail


def test_a_visitor_signs_up_with_the_address_then_accepts(
    client, client_for, coordinator, structure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(
            client_for(coordinator), structure, "Kine.Nouveau@Exemple.fr", MembershipRole.REFERENT
        )
    invitation = Invitation.objects.get(structure=structure)
    assert invitation.email == "kine.nouveau@exemple.fr"
    assert "ESP des Abers" in mail.outbox[-1].subject
    link = _link_path(mail.outbox[-1])

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ESP des Abers" not in html  # nothing about the team before signing in
    assert f"{reverse('account_signup')}?next=" in html
    assert f"{reverse('account_login')}?next=" in html

    mail.outbox.clear()
    client.post(
        reverse("account_signup"),
        {"email": "kine.nouveau@exemple.fr", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="kine.nouveau@exemple.fr")
    client.post(_confirmation_path(mail.outbox[-1]))
    # Confirming the address no longer enrols anyone.
    assert not Membership.objects.filter(user=user).exists()
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()
    assert reverse("structures:invitations") in home
    assert client.get(link).status_code == 200
    client.post(reverse("structures:invitation_accept", args=[invitation.token]))
    assert Membership.objects.get(user=user, structure=structure).role == MembershipRole.REFERENT


def test_signing_in_points_to_the_invitations_waiting(client, structure):
    UserFactory(email="pharma@exemple.fr")
    InvitationFactory(structure=structure, email="pharma@exemple.fr")
    response = client.post(
        reverse("account_login"),
        {"login": "pharma@exemple.fr", "password": PASSWORD},
        follow=True,
    )
    assert not Membership.objects.filter(user__email="pharma@exemple.fr").exists()
    assert any("acceptez ou déclinez" in str(m) for m in response.context["messages"])


def test_a_double_click_sends_one_invitation_and_one_email(
    client_for, coordinator, structure, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    token = new_token()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_invite(client, structure, "double@exemple.fr", token=token) for _ in range(4)]
    target = reverse("structures:members", args=[structure.pk])
    assert [r.status_code for r in responses] == [302] * 4
    assert {r["Location"] for r in responses} == {target}
    assert Invitation.objects.filter(email="double@exemple.fr").count() == 1
    assert len(mail.outbox) == 1


def test_an_invitation_without_its_token_creates_nothing(client_for, coordinator, structure):
    response = client_for(coordinator).post(
        reverse("structures:invite", args=[structure.pk]),
        {"email": "sans-jeton@exemple.fr", "role": MembershipRole.MEMBER},
    )
    assert response.status_code == 200
    assert "rechargez la page" in response.content.decode()
    assert not Invitation.objects.exists()
