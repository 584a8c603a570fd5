"""The editors' tree of the guide: sections and their sub-pages, reordered by
drag and drop (static/js/guide-tree.js) or, from the keyboard, by a form that
puts one page under a chosen parent at a chosen position. Either way: one
save, one reload. A rédacteur's new parent for a page online is proposed with
its draft, as on the page's form (guide/services/moves.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate

from ..access import editor_required
from ..models import Page
from ..services import moves
from . import editing

SECTIONS_PER_PAGE = 50
TREE_FIELDS = (
    "title",
    "slug",
    "parent_id",
    "position",
    "is_live",
    "archived_at",
    "in_review",
    "latest_revision_id",
    "live_revision_id",
)


@dataclass
class Node:
    page: Page
    children: list[Node] = field(default_factory=list)


class PlacePageForm(forms.Form):
    """One page, its new parent and its place among that parent's pages."""

    page = forms.ModelChoiceField(
        label=gettext_lazy("Page à déplacer"), queryset=Page.objects.none(), to_field_name="slug"
    )
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Nouvelle page parente"),
        queryset=Page.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=gettext_lazy("Aucune (section principale)"),
    )
    position = forms.IntegerField(
        label=gettext_lazy("Position"),
        min_value=1,
        max_value=10000,
        initial=1,
        help_text=gettext_lazy("1 : en premier parmi les pages de ce parent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Page.objects.not_archived().order_by("title").only("title", "slug")
        self.fields["page"].queryset = choices
        self.fields["parent"].queryset = choices


def _tree(sections: list[Page]) -> list[Node]:
    """The sections shown with every page below them, from one query."""
    below = (
        Page.objects.not_archived()
        .filter(parent__isnull=False)
        .order_by("position", "title", "pk")
        .only(*TREE_FIELDS)
    )
    children: dict[int, list[Page]] = {}
    for page in below:
        children.setdefault(page.parent_id, []).append(page)

    def node(page: Page, seen: frozenset) -> Node:
        kids = [] if page.pk in seen else children.get(page.pk, [])
        return Node(page, [node(kid, seen | {page.pk}) for kid in kids])

    return [node(section, frozenset()) for section in sections]


def _render_tree(request, place_form: PlacePageForm, *, status: int = 200):
    sections = (
        Page.objects.editable_by(request.user)
        .not_archived()
        .filter(parent__isnull=True)
        .order_by("position", "title", "pk")
        .only(*TREE_FIELDS)
    )
    page_obj = paginate(request, sections, per_page=SECTIONS_PER_PAGE)
    context = {
        "page": page_obj,
        "tree": _tree(list(page_obj.object_list)),
        "states": editing.STATES,
        "place_form": place_form,
    }
    return render(request, "guide/tree.html", context, status=status)


@editor_required
@require_GET
def pages(request):
    """The tree of the pages not archived; with a search or a state, the flat
    list of the pages found (archives included)."""
    if request.GET.get("q") or request.GET.get("etat"):
        return editing.pages(request)
    initial = {"page": request.GET.get("deplacer") or None}
    return _render_tree(request, PlacePageForm(initial=initial))


def _back(request):
    number = request.POST.get("page", "")
    url = redirect("guide:pages").url
    return redirect(f"{url}?page={number}" if number.isdigit() else url)


@editor_required
@require_POST
def reorder(request):
    """The tree as the editor left it: `ordre` holds « page:parent » pairs
    (parent empty for a section), in order."""
    order: list[tuple[int, int | None]] = []
    for item in request.POST.getlist("ordre"):
        pk, _sep, parent = item.partition(":")
        if not pk.isdigit() or (parent and not parent.isdigit()):
            messages.error(request, moves.STALE_TREE)
            return _back(request)
        order.append((int(pk), int(parent) if parent else None))
    if not order:
        messages.error(request, _("Aucune page à ranger."))
        return _back(request)
    try:
        proposed = moves.reorder(order, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
        return _back(request)
    messages.success(request, _("Ordre des pages enregistré."))
    _say_proposed(request, proposed)
    return _back(request)


def _say_proposed(request, proposed: list[Page]) -> None:
    if proposed:
        messages.info(
            request,
            _(
                "Nouvelle page parente proposée pour %(titles)s : elle s'applique quand "
                "la relecture publie le brouillon de la page."
            )
            % {"titles": ", ".join(f"« {page.title} »" for page in proposed)},
        )


@editor_required
@require_POST
def place(request):
    form = PlacePageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = moves.place(
                data["page"], parent=data["parent"], position=data["position"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done:
                messages.success(
                    request, _("« %(title)s » est déplacée.") % {"title": data["page"].title}
                )
            else:
                _say_proposed(request, [data["page"]])
            return redirect("guide:pages")
    return _render_tree(request, form, status=400)
