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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.pagination import paginate
from gecolib.templatetags.french_dates import date_fr

from .. import notifications, services
from ..access import editor_required, get_editable_page
from ..forms import CreatePageForm, EditPageForm, ScheduleForm, add_service_errors
from ..models import Page, PageMove
from ..params import slug_param, text_param
from .confirmations import archive_confirmation, unpublish_confirmation
from .diffs import content_diffs


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
    """The editing form, with everything about publishing the page: the
    version online against the latest draft, the review, the schedule (in the
    same form: the text is saved first), and the editor's unsaved text kept
    by the autosave, offered back when they return."""
    page = get_editable_page(request.user, slug)
    unsaved = services.unsaved_text(page, request.user)
    resuming = unsaved is not None and request.GET.get("reprendre") == "1"
    content = unsaved.content if resuming else page.draft_content()
    pending = PageMove.objects.select_related("parent", "requested_by").filter(page=page).first()
    # A rédacteur goes on from the address and parent they proposed; staff see
    # the page's own, and the proposal above the form.
    proposed = pending if pending is not None and not request.user.is_staff else None
    latest_number = page.latest_revision.number if page.latest_revision else None
    initial = {
        **content,
        "parent": proposed.parent_id if proposed else page.parent_id,
        "slug": proposed.slug if proposed else page.slug,
        "review_months": page.review_months,
        "base_revision": unsaved.base_revision if resuming else latest_number,
    }
    form = EditPageForm(request.POST or None, initial=initial, page=page)
    schedule_form = ScheduleForm(request.POST if _action(request) == "schedule" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        action = _action(request)
        if action in ("publish", "schedule") and not request.user.is_staff:
            raise PermissionDenied
        if action == "schedule" and not schedule_form.is_valid():
            form.add_error(
                None,
                _("La publication n'est pas programmée : %(errors)s")
                % {"errors": " ".join(schedule_form.errors.get("publish_at", []))},
            )
        else:
            try:
                done = _save_and_act(request, page, form, action, schedule_form)
            except services.ConcurrentEditError as error:
                latest = error.latest
                conflict = {
                    "latest": latest,
                    "diffs": content_diffs(latest.content, form.content()),
                }
                # The next save starts from the revision the editor has now seen.
                form.data = form.data.copy()
                form.data["base_revision"] = latest.number
                messages.error(request, error.messages[0])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                services.discard_autosave(page, request.user)
                services.purge_stale_autosaves()
                messages.success(request, done)
                return redirect(page if action == "publish" else page_edit_url(page))
    context = {
        "page_obj": page,
        "form": form,
        "pending_move": pending,
        "conflict": conflict,
        "schedule_form": schedule_form,
        "pages": _link_targets(),
        "unpublish_confirmation": unpublish_confirmation(page),
        "archive_confirmation": archive_confirmation(page),
        **publication_context(page),
        **autosave_context(page, unsaved, resuming),
    }
    return render(request, "guide/edit.html", context)


def _action(request) -> str:
    action = request.POST.get("action", "save")
    return action if action in ("save", "publish", "review", "schedule") else "save"


def page_edit_url(page: Page) -> str:
    return reverse("guide:page_edit", args=[page.slug])


def _save_and_act(request, page: Page, form: EditPageForm, action: str, schedule_form) -> str:
    """Save the text (a new version when it changed), then publish, schedule
    or send for review THAT version; returns what to tell the editor."""
    by = request.user
    was_in_review = page.in_review
    with transaction.atomic():
        _save(page, form, by=by)
        page.refresh_from_db()
        revision = page.latest_revision
        if action == "publish":
            services.publish(page, by=by, revision=revision)
            if was_in_review:
                notifications.review_approved(page, by=by)
            return _("La version %(number)s est publiée.") % {"number": revision.number}
        if action == "schedule":
            when = schedule_form.cleaned_data["publish_at"]
            services.schedule(page, when, by=by, revision=revision)
            return scheduled_message(revision, when)
        if action == "review":
            services.submit_for_review(page, by=by)
            notifications.review_requested(page, by=by)
            return _("La version %(number)s est envoyée en relecture à l'équipe.") % {
                "number": revision.number
            }
    return _("Brouillon enregistré (version %(number)s) : la version en ligne n'a pas changé.") % {
        "number": revision.number
    }


def scheduled_message(revision, when) -> str:
    return _("La version %(number)s sera publiée le %(date)s à %(time)s.") % {
        "number": revision.number,
        "date": date_fr(timezone.localtime(when), "j F Y"),
        "time": date_fr(timezone.localtime(when), r"G \h i"),
    }


def publication_context(page: Page) -> dict:
    """The version online, the latest draft and the review, for the editing
    page: « version en ligne / brouillon plus récent », with their diff."""
    live, latest = page.live_revision, page.latest_revision
    draft_diffs = None
    if page.has_draft and latest is not None:
        draft_diffs = content_diffs(live.content if live is not None else {}, latest.content)
    review = page.review_revision if page.in_review else None
    return {
        "live_revision": live if page.is_live else None,
        "draft_revision": latest if page.has_draft else None,
        "draft_diffs": draft_diffs,
        "review_revision": review,
        "scheduled_revision": page.scheduled_revision if page.scheduled_at else None,
    }


def autosave_context(page: Page, unsaved, resuming: bool) -> dict:
    """The autosave's address and interval for the browser, and the unsaved
    text offered back (with what it changes) when the editor returns."""
    return {
        "autosave_url": reverse("guide:page_autosave", args=[page.slug]),
        "autosave_seconds": services.AUTOSAVE_SECONDS,
        "unsaved": unsaved,
        "resuming": resuming,
        "unsaved_diffs": (
            content_diffs(page.draft_content(), unsaved.content)
            if unsaved is not None and not resuming
            else None
        ),
    }


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


def _named_revision(request, page: Page):
    """The version the button names (`revision`), else `version_to_publish`."""
    number = request.POST.get("revision")
    if number in (None, ""):
        return services.version_to_publish(page)
    return services.page_revision(page, number)


@require_POST
def publish(request, slug: str):
    """Publish the version the button names (« Approuver et publier la
    version 7 »): a draft saved since stays a draft."""
    page = get_editable_page(request.user, slug, staff_only=True)
    was_in_review = page.in_review
    try:
        revision = _named_revision(request, page)
        services.publish(page, by=request.user, revision=revision)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("guide:page_edit", slug=page.slug)
    if was_in_review:
        notifications.review_approved(page, by=request.user)
    page.refresh_from_db()
    messages.success(
        request,
        _("La version %(number)s est publiée.") % {"number": page.live_revision.number},
    )
    return redirect("guide:page_edit", slug=page.slug)


@require_POST
def schedule(request, slug: str):
    """Schedule the version the button names (the review page's « Approuver
    et programmer »); the editing form schedules the text it saves."""
    page = get_editable_page(request.user, slug, staff_only=True)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        add_form_errors(request, form)
        return redirect("guide:page_edit", slug=page.slug)
    when = form.cleaned_data["publish_at"]
    try:
        revision = _named_revision(request, page)
        if revision is None:
            raise ValidationError(_("Cette page n'a aucune version à publier."))
        services.schedule(page, when, by=request.user, revision=revision)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, scheduled_message(revision, when))
    return redirect("guide:page_edit", slug=page.slug)


@require_POST
def unschedule(request, slug: str):
    def change(page):
        Page.objects.filter(pk=page.pk).update(scheduled_at=None, scheduled_revision=None)

    return change_state(request, slug, change, _("La publication programmée est annulée."))


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
