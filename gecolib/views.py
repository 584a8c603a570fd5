from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import dashboard
from .access import staff_required
from .enums import FacilitatorKind
from .forms import CharterForm, ProfileForm, RoleForm, UserSearchForm
from .markdown import render_markdown
from .models import Charter, CharterAcceptance, User


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        figures = dashboard.public_figures()
        return render(request, "gecolib/home_public.html", {"figures": figures})
    panels = dashboard.panels_for(request.user)
    user = request.user
    # Staff and chargés de mission are not health professionals: only their name is expected.
    needs_profession = not (
        user.is_staff or user.facilitator_kind == FacilitatorKind.PROJECT_OFFICER
    )
    profile_incomplete = not (user.first_name and user.last_name) or (
        needs_profession and not user.profession_id
    )
    return render(
        request,
        "gecolib/home_dashboard.html",
        {"panels": panels, "profile_incomplete": profile_incomplete},
    )


@login_not_required
@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()  # the profile and the reminders turned off
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect("profile")
    return render(request, "gecolib/profile.html", {"form": form})


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
            "versions": Charter.objects.only("version", "published_at", "title")[:20],
        },
    )


def charter_accept(request):
    current = Charter.current()
    if current is None or not request.user.is_facilitator:
        return redirect("charter")
    if request.method == "POST":
        if request.POST.get("accept") != "1":
            messages.error(request, _("Cochez la case pour accepter la charte."))
        else:
            CharterAcceptance.objects.get_or_create(user=request.user, charter=current)
            messages.success(
                request,
                _("Vous avez accepté la charte (version %(version)s).")
                % {"version": current.version},
            )
            return redirect("home")
    return render(
        request,
        "gecolib/charter_accept.html",
        {"charter": current, "charter_html": render_markdown(current.text)},
    )


@staff_required
def charter_edit(request):
    current = Charter.current()
    initial = {"title": current.title, "text": current.text} if current else {}
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if current and form.cleaned_data["text"].strip() == current.text.strip():
            form.add_error("text", _("Le texte est identique à la version en vigueur."))
        else:
            with transaction.atomic():
                new = Charter.objects.create(
                    version=(current.version + 1) if current else 1,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    published_by=request.user,
                )
            messages.success(
                request,
                _(
                    "Version %(version)s de la charte publiée : les facilitateurs devront "
                    "l'accepter à nouveau."
                )
                % {"version": new.version},
            )
            return redirect("charter")
    return render(request, "gecolib/charter_edit.html", {"form": form, "charter": current})


@staff_required
def user_list(request):
    form = UserSearchForm(request.GET or None)
    from allauth.mfa.models import Authenticator

    charter = Charter.current()
    users = (
        User.objects.select_related("profession", "epci")
        .annotate(
            mfa_active=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            charter_ok=Exists(
                CharterAcceptance.objects.filter(user=OuterRef("pk"), charter=charter)
            ),
        )
        .order_by("last_name", "email")
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
    page = Paginator(users, 25).get_page(request.GET.get("page"))
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
            _("Rôle de %(user)s : %(role)s.")
            % {"user": target.display_name, "role": target.role_label},
        )
        return redirect("user_list")
    return render(request, "gecolib/user_role.html", {"form": form, "target": target})
