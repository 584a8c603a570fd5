"""Searching the guide: the results page (/guide/recherche/?q=) and the header
box's title suggestions (htmx fragment). Both read only what
`Page.objects.visible_to(user)` lets the reader see (guide.search.query)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from gecolib.forms import FilterForm
from gecolib.pagination import paginate

from ..enums import PageKind, Theme
from ..params import text_param
from ..search import did_you_mean, excerpt, highlight, query_terms, search_pages, suggest_titles

RESULTS_PER_PAGE = 20
QUERY_MAX_LENGTH = 200


class SearchForm(FilterForm):
    q = forms.CharField(
        label=_("Rechercher"),
        max_length=QUERY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    theme = forms.ChoiceField(
        label=_("Thème"), choices=[("", _("Tous les thèmes")), *Theme.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Tous les types")), *PageKind.choices], required=False
    )


@login_not_required
@require_GET
def search(request):
    """Ranked, highlighted, paginated results. One query: the page of results
    with their total (two when the page is empty, plus two for "did you
    mean" when nothing matched)."""
    form = SearchForm(request.GET)
    q = theme = kind = ""
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        theme, kind = form.cleaned_data["theme"], form.cleaned_data["kind"]
    results = search_pages(request.user, q, theme=theme, kind=kind)
    page_obj = paginate(request, results, per_page=RESULTS_PER_PAGE, count_with_page=True)
    wanted = set(query_terms(q))
    items = [
        {
            "page": found,
            "title": highlight(found.title, wanted),
            "excerpt": excerpt(found.search_index.text or found.summary, wanted),
        }
        for found in page_obj.object_list
    ]
    searched = bool(q)
    suggestion = did_you_mean(request.user, q) if searched and not items else ""
    return render(
        request,
        "guide/search.html",
        {
            "form": form,
            "q": q,
            "searched": searched,
            "page": page_obj,
            "items": items,
            "suggestion": suggestion,
        },
    )


@login_not_required
@require_GET
def autocomplete(request):
    """Titles of visible pages whose words start with what was typed: the
    listbox under the header's search box (one query)."""
    q = text_param(request.GET.get("q"), max_length=QUERY_MAX_LENGTH)
    pages = suggest_titles(request.user, q) if len(q.strip()) >= 2 else []
    return render(request, "guide/_autocomplete.html", {"q": q, "suggestions": pages})
