"""The "Aperçu" tab of the Markdown editor (gecolib/widgets.py), for every
Markdown field of the portal: the portal's own rendering, or the flavour an app
registered for its texts (gecolib/markdown_previews.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..markdown import render_markdown
from ..markdown_previews import PreviewRenderer, preview_flavour

# Longest text the preview renders: the longest Markdown field of the portal
# (a guide page) with room to spare.
PREVIEW_MAX_LENGTH = 200_000


def _portal_rendering(request: HttpRequest, text: str) -> str:
    return render_markdown(text, heading_offset=1)


@require_POST
def markdown_preview(request: HttpRequest, flavour: str | None = None) -> HttpResponse:
    """The posted field (its name in `field`) rendered by the same sanitiser
    as the pages. Signed-in people only (the login middleware), and those a
    flavour allows (403 for the others); an unknown flavour is 404. Nothing is
    stored."""
    render: PreviewRenderer = _portal_rendering
    if flavour is not None:
        found = preview_flavour(flavour)
        if found is None:
            raise Http404
        if not found.allowed(request.user):
            raise PermissionDenied
        render = found.render
    field = request.POST.get("field", "")
    text = request.POST.get(field, "") if field else ""
    if len(text) > PREVIEW_MAX_LENGTH:
        return HttpResponse(_("Texte trop long pour l'aperçu."), status=413)
    if not text.strip():
        return HttpResponse(
            '<p class="text-body-secondary">' + _("Rien à afficher pour l'instant.") + "</p>"
        )
    return HttpResponse(render(request, text))
