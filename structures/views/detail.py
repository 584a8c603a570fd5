"""A structure's page, its sheet (edit, create) and its CPTS missions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import submit_once

from ..access import can_manage, can_read_private, get_structure
from ..forms import CptsMissionForm, StructureForm
from ..models import CptsMission, HealthProject, Structure
from ..sections import structure_sections


@login_not_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Public fields for whoever sees the structure in the directory; members'
    contacts, invitations and timeline notes for those it is private to."""
    structure = get_structure(request, pk)
    structure = (
        Structure.objects.with_list_related_data().prefetch_related("missions").get(pk=structure.pk)
    )
    private = can_read_private(request.user, structure)
    memberships = list(structure.current_memberships())
    context = {
        "structure": structure,
        "private": private,
        "manage": can_manage(request.user, structure),
        "composition": structure.composition(memberships),
        "team_warnings": structure.team_warnings(memberships) if private else [],
        "memberships": memberships if private else [],
        "invitations": list(structure.invitations.pending()) if private else [],
        "timeline": structure.timeline(include_reviews=private),
        "missions": structure.mission_rows() if structure.is_cpts else [],
        "hp_status": (
            HealthProject.objects.filter(structure=structure)
            .values_list("status", flat=True)
            .first()
            if private
            else None
        ),
        "sections": structure_sections(request, structure, private),
    }
    return render(request, "structures/detail.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, manage=True)
    form = StructureForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La fiche de la structure a été enregistrée."))
        return redirect("structures:detail", pk=structure.pk)
    return render(request, "structures/form.html", {"form": form, "structure": structure})


@staff_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = StructureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create_structure() -> str:
            structure = form.save()
            structure.stage_changes.create(
                stage=structure.stage,
                changed_by=request.user,
                comment=_("Création de la fiche"),
            )
            messages.success(request, _("La structure a été créée."))
            return reverse("structures:detail", args=[structure.pk])

        return submit_once(request, form, create_structure)
    return render(request, "structures/form.html", {"form": form, "structure": None})


@require_http_methods(["GET", "POST"])
def missions(request: HttpRequest, pk: int) -> HttpResponse:
    """The six CPTS missions, each with a status and a short description."""
    structure = get_structure(request, pk, manage=True)
    if not structure.is_cpts:
        raise Http404
    existing = {m.mission: m for m in structure.missions.all()}
    forms = []
    for row in structure.mission_rows():
        kind = row["kind"]
        instance = existing.get(kind.value) or CptsMission(structure=structure, mission=kind)
        form = CptsMissionForm(request.POST or None, instance=instance, prefix=kind.value)
        forms.append({"kind": kind, "core": row["core"], "form": form})
    if request.method == "POST" and all(f["form"].is_valid() for f in forms):
        with transaction.atomic():
            for f in forms:
                f["form"].save()
        messages.success(request, _("Les missions de la CPTS ont été enregistrées."))
        return redirect("structures:detail", pk=structure.pk)
    return render(
        request,
        "structures/missions.html",
        {"structure": structure, "forms": forms},
    )
