"""The signed-in person's own profile (and their calendar feed link)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ProfileForm
from ..models import CalendarFeedToken
from ..psc.conf import is_configured as psc_is_configured
from ..psc.links import VERIFIED_FIELDS, can_unlink, linked_account
from .calendar_feeds import feed_url


@require_http_methods(["GET", "POST"])
def profile(request):
    # Read before the form fills the instance with what was typed.
    was_incomplete = request.user.profile_incomplete
    psc_account = linked_account(request.user)
    form = ProfileForm(request.POST or None, instance=request.user)
    if psc_account is not None:
        lock_verified_fields(form, request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()  # the profile and the reminders turned off
        messages.success(request, _("Votre profil a été enregistré."))
        if was_incomplete and not request.user.profile_incomplete:
            # The first time the profile is complete: on to the dashboard.
            return redirect("home")
        return redirect("profile")
    feed = CalendarFeedToken.objects.filter(user=request.user).first()
    return render(
        request,
        "gecolib/profile.html",
        {
            "form": form,
            "profile_incomplete": was_incomplete,
            "feed": feed,
            "feed_url": feed_url(request, feed),
            "psc_account": psc_account,
            "psc_enabled": psc_is_configured(settings),
            "psc_can_unlink": can_unlink(request.user),
        },
    )


def lock_verified_fields(form, user) -> None:
    """While the account is linked to Pro Santé Connect, the names, the RPPS
    and the profession it verified are shown, not typed (a disabled field
    keeps the account's value whatever is posted)."""
    for name in VERIFIED_FIELDS:
        if getattr(user, name if name != "profession" else "profession_id"):
            field = form.fields[name]
            field.disabled = True
            field.help_text = _("Vérifié par Pro Santé Connect.")
