"""The account's pages about Pro Santé Connect: confirming the link offered
after a password sign-in, and unlinking."""

from __future__ import annotations

from allauth.socialaccount.signals import social_account_removed
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import pending
from .links import can_unlink, linked_account


@require_http_methods(["GET", "POST"])
def link_pending(request):
    """After PSC named an RPPS this account already holds, and the person
    signed in with its password: link on their confirmation, never before."""
    sociallogin = pending.peek(request)
    if sociallogin is None:
        raise Http404
    identity = pending.identity_of(sociallogin)
    if identity.rpps != request.user.rpps or linked_account(request.user) is not None:
        # Not this account's identity (or already linked): nothing to offer.
        pending.drop(request)
        messages.error(
            request,
            _("L'identité Pro Santé Connect reçue ne correspond pas au numéro RPPS de ce compte."),
        )
        return redirect("profile")
    if request.method == "POST":
        with transaction.atomic():
            # Writes the verified fields too (sync.py, on allauth's signal).
            sociallogin.connect(request, request.user)
        pending.drop(request)
        messages.success(request, _("Votre compte est maintenant relié à Pro Santé Connect."))
        return redirect("profile")
    return render(request, "psc/link_pending.html", {"identity": identity})


@require_POST
def unlink(request):
    account = linked_account(request.user)
    if account is None:
        raise Http404
    if not can_unlink(request.user):
        messages.error(
            request,
            _(
                "Définissez d'abord un mot de passe : sans lui, vous ne pourriez plus "
                "vous connecter."
            ),
        )
        return redirect("profile")
    account.delete()
    social_account_removed.send(sender=account.__class__, request=request, socialaccount=account)
    messages.success(
        request,
        _(
            "Pro Santé Connect n'est plus relié à votre compte. Vos nom, prénom, numéro RPPS "
            "et profession sont de nouveau modifiables."
        ),
    )
    return redirect("profile")
