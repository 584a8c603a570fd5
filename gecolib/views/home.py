"""The home page: a dashboard of the apps' panels for a signed-in person, a
presentation with public figures for visitors; the person's « À faire » list,
its first lines on the dashboard and the whole of it on a page of its own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import dashboard
from ..access import needs_mfa
from ..pagination import paginate
from ..todos import SHOWN, todos_for


@login_not_required
@require_GET
def home(request):
    if not request.user.is_authenticated:
        figures = dashboard.public_figures()
        return render(request, "gecolib/home_public.html", {"figures": figures})
    panels = dashboard.panels_for(request.user)
    todos = _todos(request.user)
    return render(
        request,
        "gecolib/home_dashboard.html",
        {
            "panels": panels,
            "todos": todos[:SHOWN],
            "todo_count": len(todos),
            "profile_incomplete": request.user.profile_incomplete,
        },
    )


@require_GET
def todo_list(request):
    todos = _todos(request.user)
    return render(
        request,
        "gecolib/todo_list.html",
        {"page_obj": paginate(request, todos), "todo_count": len(todos)},
    )


def _todos(user) -> list:
    """Nothing of the apps before a required second factor (as the panels)."""
    return [] if needs_mfa(user) else todos_for(user)
