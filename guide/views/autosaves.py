"""The editing page's autosave (guide.services.autosaves): the browser posts
the form every few seconds while it changes and when the editor leaves; the
editor discards the unsaved text they do not want back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gecolib.templatetags.french_dates import date_fr

from .. import services
from ..access import get_editable_page

TEXT_KEYS = ("title", "summary", "body", "kind", "audience")


def posted_content(request) -> dict:
    """The form's content as typed, unchecked: a text being written may be
    incomplete (the form checks it when it is saved)."""
    content = {key: request.POST.get(key, "") for key in TEXT_KEYS}
    content["themes"] = request.POST.getlist("themes")
    return content


def _base_revision(request) -> int | None:
    try:
        return int(request.POST.get("base_revision", ""))
    except ValueError:
        return None


@require_POST
def autosave(request, slug: str):
    """JSON for the page's script: when the text was kept, or why not (400)."""
    page = get_editable_page(request.user, slug)
    try:
        kept = services.autosave(
            page, request.user, posted_content(request), base_revision=_base_revision(request)
        )
    except ValidationError as error:
        return JsonResponse({"saved": False, "message": error.messages[0]}, status=400)
    when = timezone.localtime(kept.saved_at)
    return JsonResponse(
        {
            "saved": True,
            "message": _("Texte sauvegardé automatiquement à %(time)s.")
            % {"time": date_fr(when, r"G \h i")},
        }
    )


@require_POST
def autosave_discard(request, slug: str):
    page = get_editable_page(request.user, slug)
    services.discard_autosave(page, request.user)
    messages.success(request, _("Le texte non enregistré est abandonné."))
    return redirect("guide:page_edit", slug=page.slug)
