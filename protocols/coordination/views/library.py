"""The network library (shared protocols, browsed by theme, copied into one's
structure) and the staff overview of every structure's protocols."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import submit_once
from gecolib.models import Department
from gecolib.pagination import paginate
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.models import Structure
from structures.models.structure import department_q

from ..access import creator_structures, get_shared_protocol
from ..enums import ProtocolStatus, ProtocolTheme
from ..forms.filters import LibraryFilter, OverviewFilter
from ..forms.protocols import CopyForm
from ..models import Protocol
from .protocols import PER_PAGE, protocol_document


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    shared = Protocol.objects.visible_to(request.user).shared_with_network()
    filters = LibraryFilter(
        request.GET, queryset=shared.with_list_related_data().order_by("-shared_at", "title")
    )
    page = paginate(request, filters.qs, per_page=PER_PAGE)
    counts = dict(shared.values_list("theme").annotate(n=Count("pk")).order_by())
    themes = [
        (value, label, counts[value]) for value, label in ProtocolTheme.choices if value in counts
    ]
    context = {"page": page, "filter_form": filters.form, "themes": themes}
    return render(request, "protocols/coordination/library.html", context)


@require_http_methods(["GET", "POST"])
def library_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A shared protocol, and the form to copy it into one of one's structures."""
    protocol = get_shared_protocol(request, pk)
    structures = creator_structures(request.user).order_by("name")
    if request.method == "POST" and not structures.exists():
        raise PermissionDenied
    form = CopyForm(request.POST if request.method == "POST" else None, structures=structures)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            copy = protocol.copy_to(form.cleaned_data["structure"], by=request.user)
            messages.success(
                request,
                _("Le protocole a été copié dans « %(structure)s » : c'est un brouillon à adapter.")
                % {"structure": copy.structure.name},
            )
            return reverse("protocols:protocol_detail", args=[copy.pk])

        return submit_once(request, form, create)
    context = {
        "protocol": protocol,
        "source": protocol.library_source(),
        "form": form,
        "may_copy": structures.exists(),
        **protocol_document(protocol, library=True),
    }
    return render(request, "protocols/coordination/library_detail.html", context)


@require_GET
@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every structure's protocols by theme, status and department."""
    protocols = Protocol.objects.visible_to(request.user)
    by_theme = {
        (row["theme"], row["status"]): row["n"]
        for row in protocols.values("theme", "status").annotate(n=Count("pk")).order_by()
    }
    statuses = list(ProtocolStatus.choices)
    theme_rows = [
        {
            "label": label,
            "counts": [by_theme.get((value, status), 0) for status, _s in statuses],
            "total": sum(by_theme.get((value, status), 0) for status, _s in statuses),
        }
        for value, label in ProtocolTheme.choices
    ]
    departments = Department.objects.filter(code__in=BRITTANY_DEPARTMENTS).order_by("code")
    by_department = protocols.aggregate(
        **{
            f"d{d.code}": Count(
                "pk",
                filter=Q(structure__in=Structure.objects.filter(department_q(d.code)).values("pk")),
            )
            for d in departments
        }
    )
    department_rows = [(d, by_department[f"d{d.code}"]) for d in departments]
    filters = OverviewFilter(
        request.GET,
        queryset=protocols.with_list_related_data().order_by("structure__name", "title"),
    )
    page = paginate(request, filters.qs, per_page=PER_PAGE)
    context = {
        "statuses": statuses,
        "theme_rows": [row for row in theme_rows if row["total"]],
        "department_rows": department_rows,
        "total": protocols.count(),
        "page": page,
        "filter_form": filters.form,
    }
    return render(request, "protocols/coordination/overview.html", context)
