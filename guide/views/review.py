"""Review and upkeep: sending a draft for review, the reviewer's page (the
version sent against the version online: approve and publish or schedule
it, or send it back with a comment), the "à relire" list, the rédacteurs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.access import staff_required
from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate

from .. import notifications, services
from ..access import editor_required, get_editable_page
from ..forms import EditorForm, RequestChangesForm, ScheduleForm, add_service_errors
from ..models import GuideEditor, Page, Suggestion
from .diffs import content_diffs


@require_POST
def submit_review(request, slug: str):
    page = get_editable_page(request.user, slug)
    try:
        services.submit_for_review(page, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        notifications.review_requested(page, by=request.user)
        messages.success(request, _("Le brouillon est envoyé en relecture à l'équipe."))
    return redirect("guide:page_edit", slug=page.slug)


@require_GET
def review(request, slug: str):
    """What a reviewer reads: the version sent for review against the version
    online (or, out of review, the latest draft against it). Staff approve it
    — publish or schedule THAT version — or send it back with a comment."""
    page = get_editable_page(request.user, slug)
    live = page.live_revision if page.is_live else None
    reviewed = page.review_revision if page.in_review else None
    shown = reviewed or page.latest_revision
    diffs = content_diffs(live.content if live is not None else {}, shown.content) if shown else []
    newer = (
        page.latest_revision
        if reviewed is not None and page.latest_revision_id != reviewed.pk
        else None
    )
    context = {
        "page_obj": page,
        "live": live,
        "shown": shown,
        "reviewed": reviewed,
        "newer": newer,
        "diffs": diffs,
        "schedule_form": ScheduleForm(),
        "form": RequestChangesForm(),
    }
    return render(request, "guide/review.html", context)


@require_POST
def request_changes(request, slug: str):
    """The note is e-mailed to the rédacteur: checked like any text of the
    guide; a refused note comes back on a page of its own, with the box that
    confirms a name is not a patient's."""
    page = get_editable_page(request.user, slug, staff_only=True)
    form = RequestChangesForm(request.POST)
    if form.is_valid():
        try:
            services.request_changes(
                page,
                by=request.user,
                comment=form.cleaned_data["comment"],
                names_confirmed=form.names_confirmed,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # no longer in review: nothing sent
                add_validation_errors(request, error)
                return redirect("guide:page_edit", slug=page.slug)
            add_service_errors(form, error)
        else:
            notifications.changes_requested(page, by=request.user)
            messages.success(request, _("Demande de modifications envoyée au rédacteur."))
            return redirect("guide:page_edit", slug=page.slug)
    return render(
        request, "guide/request_changes.html", {"page_obj": page, "form": form}, status=400
    )


@editor_required
@require_GET
def to_review(request):
    """What waits for editors: drafts in review, pages past their review date,
    suggestions from the network."""
    in_review = Page.objects.filter(in_review=True).select_related("review_requested_by")
    due = Page.objects.due_for_review()
    due_page = paginate(request, sorted(due, key=lambda p: p.review_due_on), per_page=30)
    context = {
        "in_review": in_review,
        "page": due_page,
        "waiting_suggestions": Suggestion.objects.waiting().count(),
    }
    return render(request, "guide/to_review.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def editors(request):
    form = EditorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        GuideEditor.objects.get_or_create(user=form.user, defaults={"added_by": request.user})
        messages.success(
            request,
            _("%(name)s est rédacteur du guide.") % {"name": form.user.display_name},
        )
        return redirect("guide:editors")
    context = {
        "form": form,
        "editors": GuideEditor.objects.select_related("user", "added_by"),
    }
    return render(request, "guide/editors.html", context)


@staff_required
@require_POST
def editor_remove(request, pk: int):
    editor = get_object_or_404(GuideEditor.objects.select_related("user"), pk=pk)
    editor.delete()
    messages.success(
        request,
        _("%(name)s n'est plus rédacteur du guide.") % {"name": editor.user.display_name},
    )
    return redirect("guide:editors")
