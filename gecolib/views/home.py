"""The home page: a dashboard of the apps' panels for a signed-in person, a
presentation with public figures for visitors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import dashboard


@login_not_required
@require_GET
def home(request):
    if not request.user.is_authenticated:
        figures = dashboard.public_figures()
        return render(request, "gecolib/home_public.html", {"figures": figures})
    panels = dashboard.panels_for(request.user)
    return render(
        request,
        "gecolib/home_dashboard.html",
        {"panels": panels, "profile_incomplete": request.user.profile_incomplete},
    )
