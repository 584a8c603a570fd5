"""Invitations become memberships once the invitee proves they own the address:
at sign-in (verified addresses) and when they confirm an address."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver

from .models import Invitation


@receiver(user_logged_in, dispatch_uid="structures_accept_invitations_on_login")
def accept_invitations_on_login(sender, request, user, **kwargs) -> None:
    emails = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    Invitation.objects.accept_for(user, emails)


@receiver(email_confirmed, dispatch_uid="structures_accept_invitations_on_confirmation")
def accept_invitations_on_confirmation(sender, request, email_address, **kwargs) -> None:
    Invitation.objects.accept_for(email_address.user, [email_address.email])
