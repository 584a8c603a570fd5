"""Suggestions from the network: any signed-in professional proposes — a
message, and for a page the page's text as they would change it; they are
told « reçue » at once. Editors read the proposed change as a diff, then
decide: take it into a draft (retenue), or not (non retenue)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate

from .. import services
from ..access import PageGone, PageMoved, editor_required, find_page
from ..enums import SuggestionStatus
from ..forms import AnswerForm, SuggestionForm, add_service_errors
from ..models import Suggestion, is_guide_editor


@require_http_methods(["GET", "POST"])
def suggest(request, slug: str | None = None):
    """Suggest a change to a page (`slug`) or a new sheet (no slug)."""
    page = None
    if slug is not None:
        try:
            page = find_page(request.user, slug)
        except (PageMoved, PageGone):
            raise Http404 from None
    initial = {"title": _("Sur « %(title)s »") % {"title": page.title}} if page else {}
    form = SuggestionForm(request.POST or None, request.FILES or None, initial=initial, page=page)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            services.create_suggestion(
                page=page,
                title=data["title"],
                text=data["text"],
                author=request.user,
                proposed_body=data.get("proposed_body") or "",
                upload=data.get("file"),
                mime_type=form.mime_type,
                names_confirmed=form.names_confirmed,
            )
            messages.success(
                request,
                _(
                    "Merci ! Votre suggestion est bien reçue : les rédacteurs du guide vont la "
                    "lire, et vous recevrez un e-mail quand ils auront décidé de la retenir ou non."
                ),
            )
            return page.get_absolute_url() if page else reverse("guide:index")

        try:
            return submit_once(request, form, create)
        except ValidationError as error:
            add_service_errors(form, error, {"original_name": "file"})
    return render(
        request,
        "guide/suggest.html",
        {"form": form, "target": page},
        status=400 if form.errors else 200,
    )


@editor_required
@require_GET
def suggestions(request):
    status = request.GET.get("etat", SuggestionStatus.NEW)
    items = Suggestion.objects.select_related("page", "author", "answered_by")
    if status in SuggestionStatus.values:
        items = items.filter(status=status)
    page_obj = paginate(request, items, per_page=20)
    context = {"page": page_obj, "status": status, "statuses": SuggestionStatus.choices}
    return render(request, "guide/suggestions.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def suggestion(request, pk: int):
    item = get_object_or_404(
        Suggestion.objects.select_related(
            "page__latest_revision", "author", "draft_page", "base_revision"
        ),
        pk=pk,
    )
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and item.status != SuggestionStatus.NEW:
        messages.error(request, _("Cette suggestion a déjà reçu une réponse."))
        return redirect("guide:suggestion", pk=item.pk)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        if decision not in ("retenue", "non_retenue"):
            form.add_error(None, _("Choisissez de retenir la suggestion ou non."))
        else:
            try:
                services.answer_suggestion(
                    item,
                    decision,
                    form.cleaned_data["answer"],
                    by=request.user,
                    names_confirmed=form.names_confirmed,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Réponse envoyée à la personne qui a proposé."))
                return redirect("guide:suggestions")
    return render(
        request,
        "guide/suggestion.html",
        {"item": item, "form": form, **_proposal_context(item)},
        status=400 if form.errors else 200,
    )


def _proposal_context(item: Suggestion) -> dict:
    """The proposed change as a diff, and whether it still applies as it is."""
    if not item.proposes_text:
        return {"proposed_diffs": None, "page_changed": False}
    read = item.base_revision.body if item.base_revision else item.page.body
    return {
        "proposed_diffs": [diff for diff in services.proposed_diff(item) if diff.changed],
        "page_changed": item.page.draft_content()["body"].strip() != read.strip(),
    }


@editor_required
@require_POST
def suggestion_draft(request, pk: int):
    """The editor retains the suggestion: its proposed change becomes a draft
    revision of its page (or a new sheet a draft page), to review and publish."""
    item = get_object_or_404(Suggestion.objects.select_related("page", "author"), pk=pk)
    if item.status != SuggestionStatus.NEW:
        messages.error(request, _("Cette suggestion a déjà reçu une réponse."))
        return redirect("guide:suggestion", pk=item.pk)
    try:
        page = services.take_into_draft(item, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("guide:suggestion", pk=item.pk)
    messages.success(
        request,
        _(
            "Suggestion retenue : la modification proposée est un brouillon de la page, "
            "à relire et publier."
        ),
    )
    return redirect("guide:page_edit", slug=page.slug)


@require_GET
def suggestion_file(request, pk: int):
    """The suggestion's file: for editors and for the person who sent it."""
    item = get_object_or_404(Suggestion, pk=pk)
    if not (is_guide_editor(request.user) or item.author_id == request.user.pk) or not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        content_type=item.mime_type,
        as_attachment=True,
        filename=item.original_name or "fichier",
    )
