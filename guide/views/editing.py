"""Writing the guide in the browser: create, edit (draft, publish, review),
schedule, reorder, and the editors' page list (taking a page offline:
withdrawal.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.diff import diff_contents
from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.pagination import paginate

from .. import notifications, services
from ..access import editor_required, get_editable_page
from ..forms import CreatePageForm, EditPageForm, ScheduleForm, add_service_errors
from ..models import Page, PageMove
from ..params import slug_param, text_param
from .confirmations import archive_confirmation, unpublish_confirmation

CONTENT_LABELS = [
    ("title", gettext_lazy("Titre")),
    ("summary", gettext_lazy("Résumé")),
    ("body", gettext_lazy("Texte")),
    ("kind", gettext_lazy("Type")),
    ("themes", gettext_lazy("Thèmes")),
    ("audience", gettext_lazy("Public")),
]


def comparable(content: dict) -> dict:
    """A revision content as texts, for the diff engine."""
    return {
        key: ", ".join(value) if isinstance(value, list) else str(value or "")
        for key, value in content.items()
    }


@editor_required
@require_http_methods(["GET", "POST"])
def create(request):
    parent_slug = slug_param(request.GET.get("parent"))
    initial = {"kind": "page", "audience": "public"}
    if parent_slug:
        initial["parent"] = Page.objects.not_archived().filter(slug=parent_slug).first()
    form = CreatePageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def create_page() -> str:
            data = form.cleaned_data
            page = services.create_page(
                **form.content(),
                by=request.user,
                parent=data["parent"],
                comment=data["comment"],
                names_confirmed=form.names_confirmed,
            )
            messages.success(
                request, _("Brouillon enregistré : la page n'est pas encore en ligne.")
            )
            return reverse("guide:page_edit", args=[page.slug])

        try:
            return submit_once(request, form, create_page)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "guide/create.html",
        {"form": form, "pages": _link_targets()},
        status=400 if form.errors else 200,
    )


def _link_targets():
    return Page.objects.not_archived().order_by("title").only("title", "slug")


@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    page = get_editable_page(request.user, slug)
    content = page.draft_content()
    pending = PageMove.objects.select_related("parent", "requested_by").filter(page=page).first()
    # A rédacteur goes on from the address and parent they proposed; staff see
    # the page's own, and the proposal above the form.
    proposed = pending if pending is not None and not request.user.is_staff else None
    initial = {
        **content,
        "parent": proposed.parent_id if proposed else page.parent_id,
        "slug": proposed.slug if proposed else page.slug,
        "review_months": page.review_months,
        "base_revision": page.latest_revision.number if page.latest_revision else None,
    }
    form = EditPageForm(request.POST or None, initial=initial, page=page)
    conflict = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        if action == "publish" and not request.user.is_staff:
            raise PermissionDenied
        was_in_review = page.in_review
        try:
            with transaction.atomic():
                _save(page, form, by=request.user)
                if action == "publish":
                    services.publish(page, by=request.user)
                    if was_in_review:
                        notifications.review_approved(page, by=request.user)
                elif action == "review":
                    services.submit_for_review(page, by=request.user)
                    notifications.review_requested(page, by=request.user)
        except services.ConcurrentEditError as error:
            latest = error.latest
            conflict = {
                "latest": latest,
                "diffs": diff_contents(
                    comparable(latest.content), comparable(form.content()), CONTENT_LABELS
                ),
            }
            # The next save starts from the revision the editor has now seen.
            form.data = form.data.copy()
            form.data["base_revision"] = latest.number
            messages.error(request, error.messages[0])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if action == "publish":
                messages.success(request, _("La page est publiée."))
                return redirect(page)
            if action == "review":
                messages.success(request, _("Le brouillon est envoyé en relecture à l'équipe."))
            else:
                messages.success(
                    request, _("Brouillon enregistré : la version en ligne n'a pas changé.")
                )
            return redirect("guide:page_edit", slug=page.slug)
    context = {
        "page_obj": page,
        "form": form,
        "pending_move": pending,
        "conflict": conflict,
        "schedule_form": ScheduleForm(),
        "pages": _link_targets(),
        "unpublish_confirmation": unpublish_confirmation(page),
        "archive_confirmation": archive_confirmation(page),
    }
    return render(request, "guide/edit.html", context)


def _save(page: Page, form: EditPageForm, *, by) -> None:
    """A new draft revision when the text changed; the review period at once;
    the address and parent at once for staff and pages never published, with
    the draft (applied at its publication) for a rédacteur's page online."""
    data = form.cleaned_data
    latest = page.latest_revision
    content = services.normalise_content(form.content())
    if latest is None or latest.content != content or data["comment"]:
        services.save_revision(
            page,
            content,
            by=by,
            base_revision=data["base_revision"],
            comment=data["comment"],
            names_confirmed=form.names_confirmed,
        )
    elif data["base_revision"] != latest.number:
        raise services.ConcurrentEditError(latest)
    slug, parent = data["slug"], data["parent"]
    moved = slug != page.slug or parent != page.parent
    if services.moves_at_once(page, by):
        if moved:
            services.move_page(page, slug=slug, parent=parent)
    elif moved:
        services.propose_move(page, slug=slug, parent=parent, by=by)
    else:
        services.withdraw_move(page)
    if data["review_months"] != page.review_months:
        page.review_months = data["review_months"]
        page.save(update_fields=["review_months", "updated_at"])


def change_state(request, slug: str, change, success: str, *, staff_only: bool = True):
    page = get_editable_page(request.user, slug, staff_only=staff_only)
    try:
        change(page)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("guide:page_edit", slug=page.slug)


@require_POST
def publish(request, slug: str):
    def change(page):
        was_in_review = page.in_review
        services.publish(page, by=request.user)
        if was_in_review:
            notifications.review_approved(page, by=request.user)

    return change_state(request, slug, change, _("La page est publiée."))


@require_POST
def schedule(request, slug: str):
    page = get_editable_page(request.user, slug, staff_only=True)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        add_form_errors(request, form)
        return redirect("guide:page_edit", slug=page.slug)
    return change_state(
        request,
        slug,
        lambda p: services.schedule(p, form.cleaned_data["publish_at"], by=request.user),
        _("La publication est programmée."),
    )


@require_POST
def unschedule(request, slug: str):
    def change(page):
        Page.objects.filter(pk=page.pk).update(scheduled_at=None, scheduled_revision=None)

    return change_state(request, slug, change, _("La publication programmée est annulée."))


@require_POST
def move(request, slug: str):
    """Move a page up or down among its siblings (the tree is reorderable)."""
    page = get_editable_page(request.user, slug)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choisissez de monter ou de descendre la page."))
        return redirect("guide:pages")
    with transaction.atomic():
        siblings = list(
            Page.objects.select_for_update()
            .filter(parent=page.parent_id)
            .order_by("position", "title")
        )
        index = next(i for i, p in enumerate(siblings) if p.pk == page.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                Page.objects.filter(pk=sibling.pk).update(position=position)
    messages.success(request, _("Ordre des pages enregistré."))
    if page.parent and request.POST.get("next") != "pages":
        return redirect(page.parent)
    return redirect("guide:pages")


STATES = {
    "brouillons": (gettext_lazy("Jamais publiées"), Q(is_live=False, archived_at__isnull=True)),
    "en-ligne": (gettext_lazy("En ligne"), Q(is_live=True, archived_at__isnull=True)),
    "relecture": (gettext_lazy("En relecture"), Q(in_review=True)),
    "archives": (gettext_lazy("Archivées"), Q(archived_at__isnull=False)),
}


@editor_required
@require_GET
def pages(request):
    """Every page for editors, drafts and archives included, filtered by state."""
    state = request.GET.get("etat", "")
    pages_qs = Page.objects.editable_by(request.user).select_related(
        "parent", "latest_revision__author", "live_revision"
    )
    if state in STATES:
        pages_qs = pages_qs.filter(STATES[state][1])
    else:
        pages_qs = pages_qs.filter(archived_at__isnull=True)
    q = text_param(request.GET.get("q"))
    if q:
        pages_qs = pages_qs.filter(Q(title__icontains=q) | Q(slug__icontains=q))
    page_obj = paginate(
        request, pages_qs.order_by("parent__title", "position", "title"), per_page=30
    )
    return render(
        request,
        "guide/pages.html",
        {"page": page_obj, "states": STATES, "state": state, "q": q},
    )
