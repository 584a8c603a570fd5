"""The signed-in person's own profile (and their calendar feed link)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ProfileForm
from ..models import CalendarFeedToken
from .calendar_feeds import feed_url


@require_http_methods(["GET", "POST"])
def profile(request):
    # Read before the form fills the instance with what was typed.
    was_incomplete = request.user.profile_incomplete
    form = ProfileForm(request.POST or None, instance=request.user)
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
        },
    )
