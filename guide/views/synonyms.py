"""The search's synonyms, kept by staff: the list, adding a line, changing one
(each change a dated version, compared and restored by the generic version
pages). The search reads them at query time (guide.search.synonyms)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import replay_if_submitted, submit_once
from gecolib.pagination import paginate
from gecolib.views.revisions import VersionedDocument, save_version

from ..models import SearchSynonym
from ..models.search import SYNONYM_REVISION_FIELDS
from ..search.forms import SynonymForm

SYNONYMS_PER_PAGE = 50


@staff_required
@require_GET
def synonym_list(request: HttpRequest) -> HttpResponse:
    """Queries: the paginator's count and the page of lines."""
    page = paginate(
        request, SearchSynonym.objects.order_by("expressions"), per_page=SYNONYMS_PER_PAGE
    )
    return render(request, "guide/synonyms/synonym_list.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def synonym_create(request: HttpRequest) -> HttpResponse:
    if replayed := replay_if_submitted(request):
        return replayed
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            synonym = form.save()
            synonym.save_revision(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(
                request, _("Synonymes « %(line)s » ajoutés.") % {"line": synonym.expressions}
            )
            return reverse("guide:synonyms")

        return submit_once(request, form, create)
    return render(request, "guide/synonyms/synonym_form.html", {"form": form, "synonym": None})


@staff_required
@require_http_methods(["GET", "POST"])
def synonym_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Each save creates a version; a double click saves once."""
    synonym = get_object_or_404(SearchSynonym, pk=pk)
    if replayed := replay_if_submitted(request):
        return replayed
    form = SynonymForm(request.POST or None, instance=synonym)
    if request.method == "POST" and form.is_valid():
        return save_version(
            request,
            form,
            synonym,
            saved=_("Synonymes modifiés : version %(number)s enregistrée."),
            to=reverse("guide:synonyms"),
        )
    return render(request, "guide/synonyms/synonym_form.html", {"form": form, "synonym": synonym})


def synonym_owner(request: HttpRequest, *, write: bool = False, pk: int) -> SearchSynonym:
    """A synonyms line: reference data, read and restored by staff only."""
    return get_object_or_404(SearchSynonym, pk=pk)


SYNONYM_VERSIONS = VersionedDocument(
    name="synonym",
    namespace="guide",
    get_owner=synonym_owner,
    fields=lambda: SYNONYM_REVISION_FIELDS,
    restore=lambda synonym, revision, by: synonym.restore(revision, by=by),
    restored_message=gettext_lazy(
        "Les synonymes de la version %(old)s sont rétablis (version %(new)s)."
    ),
    title=gettext_lazy("des synonymes de recherche"),
    back_label=gettext_lazy("Retour aux synonymes"),
    breadcrumb="guide/synonyms/_breadcrumb.html",
    owner_name="synonym",
    owner_url=lambda synonym: reverse("guide:synonym_edit", args=[synonym.pk]),
    intro=gettext_lazy(
        "Chaque modification crée une version datée. Cochez deux versions pour les comparer ; "
        "restaurer une version rétablit ses expressions dans une nouvelle version."
    ),
    decorators=(staff_required,),
)
