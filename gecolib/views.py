from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from kombu.exceptions import KombuError

from . import dashboard
from .access import staff_required
from .account_counts import account_counts
from .cache import FailoverRedisCache
from .celery import app as celery_app
from .diff import diff_contents
from .feeds import feed_url
from .forms import CharterAcceptForm, CharterForm, ProfileForm, RoleForm, UserSearchForm
from .markdown import render_markdown
from .models import CalendarFeedToken, Charter, CharterAcceptance, User
from .revisions import RevisionPages, revisions_to_compare
from .text import de


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        figures = dashboard.public_figures()
        return render(request, "gecolib/home_public.html", {"figures": figures})
    panels = dashboard.panels_for(request.user)
    return render(
        request,
        "gecolib/home_dashboard.html",
        {"panels": panels, "profile_incomplete": request.user.profile_incomplete},
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    """The shared cache itself, not the per-process fallback that stands in
    for Redis while it is down (gecolib/cache.py)."""
    cache = caches["default"]
    if isinstance(cache, FailoverRedisCache):
        return cache.reachable()
    key = "gecolib:healthz"
    cache.set(key, "ok", 5)
    return cache.get(key) == "ok"


def _broker_ok() -> bool:
    """One short connection attempt to the Celery broker (the in-process
    `memory://` broker when tasks run eagerly)."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2)
    except (KombuError, OSError):
        return False
    return True


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness: the process runs and the database answers. Redis being down
    does not make the portal dead (sign-in and forms still work)."""
    if not _database_ok():
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@never_cache
@require_GET
def healthz_ready(request):
    """Readiness, part by part: 200 when the database, the cache and the
    broker all answer, 503 naming those that do not (`down`)."""
    checks = {"database": _database_ok(), "cache": _cache_ok(), "broker": _broker_ok()}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "error" if down else "ok",
        **{name: "ok" if ok else "unreachable" for name, ok in checks.items()},
        "down": down,
    }
    return JsonResponse(body, status=503 if down else 200)


def profile(request):
    # Read before the form fills the instance with what was typed.
    was_incomplete = request.user.profile_incomplete
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()  # the profile and the reminders turned off
        messages.success(request, _("Votre profil a été enregistré."))
        if was_incomplete and not request.user.profile_incomplete:
            # The first time the profile is complete: on to the dashboard.
            return redirect("home")
        return redirect("profile")
    feed = CalendarFeedToken.objects.filter(user=request.user).first()
    return render(
        request,
        "gecolib/profile.html",
        {
            "form": form,
            "profile_incomplete": was_incomplete,
            "feed": feed,
            "feed_url": feed_url(request, feed),
        },
    )


@login_not_required
def charter(request):
    current = Charter.current()
    accepted = None
    if request.user.is_authenticated and current is not None:
        accepted = CharterAcceptance.objects.filter(user=request.user, charter=current).first()
    return render(
        request,
        "gecolib/charter.html",
        {
            "charter": current,
            "charter_html": render_markdown(current.text) if current else "",
            "acceptance": accepted,
            "versions": Charter.objects.only("number", "created_at", "content")[:20],
        },
    )


def charter_accept(request):
    current = Charter.current()
    if current is None or not request.user.is_facilitator:
        return redirect("charter")
    form = CharterAcceptForm(request.POST if request.method == "POST" else None, charter=current)
    if request.method == "POST" and form.is_valid():
        CharterAcceptance.objects.get_or_create(user=request.user, charter=current)
        messages.success(
            request,
            _("Vous avez accepté la charte (version %(version)s).") % {"version": current.number},
        )
        return redirect("home")
    return render(
        request,
        "gecolib/charter_accept.html",
        {"charter": current, "charter_html": render_markdown(current.text), "form": form},
    )


def _published_message(charter: Charter) -> str:
    return _(
        "Version %(version)s de la charte publiée : les facilitateurs devront l'accepter à nouveau."
    ) % {"version": charter.number}


@staff_required
def charter_edit(request):
    current = Charter.current()
    initial = {"title": current.title, "text": current.text} if current else {}
    form = CharterForm(request.POST or None, initial=initial, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            new = Charter.publish(
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _published_message(new))
            return redirect("charter")
    return render(request, "gecolib/charter_edit.html", {"form": form, "charter": current})


CHARTER_PAGES = RevisionPages(
    view="charter_version", compare="charter_compare", restore="charter_restore"
)
CHARTER_FIELDS = [("title", gettext_lazy("Titre")), ("text", gettext_lazy("Texte"))]


@staff_required
@require_GET
def charter_history(request):
    versions = Charter.objects.select_related("author", "restored_from").order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    current = on_page[0].number if on_page and page.number == 1 else None
    context = {
        "page": page,
        "rows": CHARTER_PAGES.rows(on_page, current=current),
        "compare_url": CHARTER_PAGES.compare_url(),
    }
    return render(request, "gecolib/charter_history.html", context)


@staff_required
@require_GET
def charter_version(request, number: int):
    version = get_object_or_404(
        Charter.objects.select_related("author", "restored_from"), number=number
    )
    current = Charter.current()
    context = {
        "version": version,
        "charter_html": render_markdown(version.text),
        "is_current": current is not None and current.pk == version.pk,
        "may_restore": current is not None and current.content != version.content,
    }
    return render(request, "gecolib/charter_version.html", context)


@staff_required
@require_GET
def charter_compare(request):
    try:
        old, new = revisions_to_compare(Charter.objects, request.GET.get("a"), request.GET.get("b"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("charter_history")
    diffs = diff_contents(old.content, new.content, CHARTER_FIELDS)
    context = {
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "gecolib/charter_compare.html", context)


@staff_required
@require_POST
def charter_restore(request, number: int):
    version = get_object_or_404(Charter, number=number)
    try:
        new = Charter.restore(version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("charter_history")
    messages.success(
        request,
        _(
            "Le texte de la version %(old)s est republié comme version %(new)s : les "
            "facilitateurs devront l'accepter à nouveau."
        )
        % {"old": version.number, "new": new.number},
    )
    return redirect("charter_history")


@staff_required
def user_list(request):
    form = UserSearchForm(request.GET or None)
    users = (
        User.objects.select_related("profession")
        # What the table shows, not the whole account (password hash included).
        .only(
            "first_name", "last_name", "email", "is_staff", "facilitator_kind", "profession__name"
        )
        .annotate(
            mfa_active=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            charter_ok=Exists(
                CharterAcceptance.objects.filter(
                    user=OuterRef("pk"), charter=Charter.current_in_query()
                )
            ),
        )
        # The order of the `user_by_name` index: a page is read from it.
        .order_by("last_name", "first_name", "email")
    )
    if form.is_valid():
        q = form.cleaned_data.get("q")
        if q:
            users = users.filter(
                Q(email__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
            )
        role = form.cleaned_data.get("role")
        if role == "facilitateur":
            users = users.exclude(facilitator_kind="")
        elif role == "staff":
            users = users.filter(is_staff=True)
        elif role == "professionnel":
            users = users.filter(is_staff=False, facilitator_kind="")
    paginator = Paginator(users, 25)
    if not (form.is_valid() and (form.cleaned_data.get("q") or form.cleaned_data.get("role"))):
        # Every account: the total kept in the cache, not a count of the table.
        paginator.count = account_counts()["all"]
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "gecolib/user_list.html", {"form": form, "page": page})


@staff_required
def user_role(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    current = target.facilitator_kind or RoleForm.PROFESSIONAL
    form = RoleForm(request.POST or None, initial={"role": current})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        target.facilitator_kind = "" if role == RoleForm.PROFESSIONAL else role
        target.save(update_fields=["facilitator_kind"])
        messages.success(
            request,
            _("Rôle %(of_user)s : %(role)s.")
            % {"of_user": de(target.display_name), "role": target.role_label},
        )
        return redirect("user_list")
    return render(request, "gecolib/user_role.html", {"form": form, "target": target})


# Longest text the preview renders: the longest Markdown field of the portal
# (a guide page) with room to spare.
PREVIEW_MAX_LENGTH = 200_000


@require_POST
def markdown_preview(request):
    """The "Aperçu" tab of the Markdown editor: the posted field rendered by
    the same sanitiser as the pages. Signed-in people only (the login
    middleware); nothing is stored."""
    field = request.POST.get("field", "")
    text = request.POST.get(field, "") if field else ""
    if len(text) > PREVIEW_MAX_LENGTH:
        return HttpResponse(_("Texte trop long pour l'aperçu."), status=413)
    if not text.strip():
        return HttpResponse(
            '<p class="text-body-secondary">' + _("Rien à afficher pour l'instant.") + "</p>"
        )
    return HttpResponse(render_markdown(text, heading_offset=1))
