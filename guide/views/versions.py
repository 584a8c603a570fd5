"""A page's versions (gecolib.views.revisions): the list, one version with its
rendered text, the comparison of two, and a restore, which makes a new DRAFT
from the old text (the page online changes only when it is published)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gecolib.views.revisions import VersionedDocument

from .. import services
from ..access import get_editable_page
from ..markdown import render_page
from ..models import Page, PageRevision
from .diffs import CONTENT_LABELS, comparable


def _page(request, *, write: bool = False, slug: str) -> Page:
    """Editors only, reading or restoring alike (404 for a page one does not
    see, 403 for a page one reads)."""
    return get_editable_page(request.user, slug)


def _version_context(request, page: Page, revision: PageRevision | None) -> dict:
    if revision is None:
        return {}
    return {
        # Rendered only by the page of one version (the comparison does not show it).
        "body_html": lambda: render_page(revision.body, user=request.user, page=page).html,
        "is_live": revision.pk == page.live_revision_id,
        "is_latest": revision.pk == page.latest_revision_id,
    }


PAGE_VERSIONS = VersionedDocument(
    name="page",
    namespace="guide",
    owner_name="page_obj",
    get_owner=_page,
    fields=lambda: CONTENT_LABELS,
    as_text=lambda content, fields: comparable(content),
    restore=lambda page, revision, by: services.restore(page, revision, by=by),
    restored_message=_(
        "Le texte de la version %(old)s est repris comme brouillon (version %(new)s) : "
        "publiez-le pour le mettre en ligne."
    ),
    title=_("de la page"),
    back_label=_("Retour à la modification"),
    owner_url=lambda page: reverse("guide:page_edit", args=[page.slug]),
    url_kwargs=lambda page: {"slug": page.slug},
    after_restore=lambda page, new: reverse("guide:page_edit", args=[page.slug]),
    breadcrumb="guide/_versions_breadcrumb.html",
    version_body="guide/_version_body.html",
    extra_context=_version_context,
    intro=_(
        "Chaque enregistrement crée une version. Cochez deux versions pour les comparer. "
        "Restaurer une version en fait un nouveau brouillon : la version en ligne ne change "
        "qu'à la publication."
    ),
    restore_label=_("Restaurer cette version comme brouillon"),
)
