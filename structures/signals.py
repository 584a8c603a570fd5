"""Nobody joins a team without saying yes: at sign-in, a user with invitations
waiting (sent to one of their verified addresses) is pointed to them; joining
is their own decision (structures/views/invitations.py)."""

from __future__ import annotations

from allauth.account.signals import user_logged_in
from django.contrib import messages
from django.dispatch import receiver
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from .models import Invitation


@receiver(user_logged_in, dispatch_uid="structures_invitations_waiting_on_login")
def invitations_waiting_on_login(sender, request, user, **kwargs) -> None:
    count = Invitation.objects.addressed_to(user).pending().count()
    if not count or request is None:
        return
    text = ngettext(
        "Une équipe vous invite à la rejoindre : acceptez ou déclinez son invitation.",
        "%(count)d équipes vous invitent à les rejoindre : acceptez ou déclinez leurs invitations.",
        count,
    ) % {"count": count}
    messages.info(
        request,
        format_html('<a href="{}">{}</a>', reverse("structures:invitations"), text),
        fail_silently=True,
    )
