"""Taking a page offline: unpublish it, archive it (confirmed first: the page
and the dialog of the editing page say what happens), restore an archived page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.confirmations import confirm_page

from .. import services
from ..access import get_editable_page
from .confirmations import archive_confirmation, unpublish_confirmation
from .editing import change_state


@require_http_methods(["GET", "POST"])
def unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the confirmation page. POST: the page goes offline."""
    if request.method == "GET":
        page = get_editable_page(request.user, slug, staff_only=True)
        if not page.is_live:
            messages.error(request, _("Cette page n'est pas en ligne."))
            return redirect("guide:page_edit", slug=page.slug)
        return confirm_page(request, unpublish_confirmation(page))
    return change_state(
        request,
        slug,
        lambda page: services.unpublish(page, by=request.user),
        _("La page est hors ligne : seuls les rédacteurs la voient."),
    )


@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the confirmation page. POST: the page is archived."""
    if request.method == "GET":
        page = get_editable_page(request.user, slug, staff_only=True)
        if page.is_archived:
            messages.error(request, _("Cette page est déjà archivée."))
            return redirect("guide:page_edit", slug=page.slug)
        return confirm_page(request, archive_confirmation(page))
    return change_state(
        request,
        slug,
        lambda page: services.archive(page, by=request.user),
        _("La page est archivée : son adresse répond « page supprimée » aux visiteurs."),
    )


@require_POST
def unarchive(request: HttpRequest, slug: str) -> HttpResponse:
    return change_state(
        request,
        slug,
        lambda page: services.unarchive(page, by=request.user),
        _("La page est restaurée, hors ligne : publiez-la quand elle est prête."),
    )
