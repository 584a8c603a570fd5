"""A structure's national cooperation protocols: its declarations, their team
and status, the monthly counts and the financing they bring."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.exports import EXPORT_FORMATS
from gecolib.pagination import paginate
from structures.models import Membership, Structure

from ..access import can_edit_cooperation, get_cooperation_structure, get_declaration
from ..forms.activity import parse_year
from ..forms.declarations import DeclarationForm, RedeclarationForm, StatusForm
from ..models import CooperationDeclaration, MonthlyActivity
from ..models.catalogue import euros
from ..models.declarations import EDITOR_ROLES, DeclarationStatus
from ..models.financing import applied_rules, declaration_notice, year_financing
from . import exports
from .activity import activity_form
from .confirmations import participant_remove_confirmation, stop_confirmation, stop_form
from .declare import declared


def declarations_with_year(queryset, year: int):
    """Declarations with what a list shows: structure, protocol, the year's counts."""
    return queryset.with_list_related_data().prefetch_related(
        Prefetch(
            "activities",
            queryset=MonthlyActivity.objects.in_year(year).order_by("month"),
            to_attr="year_activities",  # a list: no queryset built per declaration
        )
    )


def rows_with_financing(declarations, year: int) -> list[dict]:
    return [
        {
            "declaration": declaration,
            "financing": year_financing(declaration, declaration.year_activities, year),
        }
        for declaration in declarations
    ]


def editable_structures(user):
    """The structures whose cooperation `user` edits (coordinator or référent)."""
    editors = (
        Membership.objects.current().filter(user=user, role__in=EDITOR_ROLES).values("structure_id")
    )
    return Structure.objects.filter(pk__in=editors).order_by("name")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The national cooperation protocols of the user's structures (all of
    them for staff, whose overview is `cooperation:overview`)."""
    year = parse_year(request.GET.get("annee"))
    declarations = declarations_with_year(
        CooperationDeclaration.objects.visible_to(request.user).order_by(
            "structure__name", "protocol__short_name", "pk"
        ),
        year,
    )
    page = paginate(request, declarations)
    rows = rows_with_financing(page.object_list, year)
    context = {
        "page": page,
        "rows": rows,
        "rules": applied_rules(row["declaration"].protocol for row in rows),
        "year": year,
        "editable_structures": list(editable_structures(request.user)),
    }
    return render(request, "protocols/cooperation/index.html", context)


@require_GET
def structure(request: HttpRequest, pk: int) -> HttpResponse:
    """A structure's cooperation: its declarations and the year's financing."""
    structure = get_cooperation_structure(request, pk)
    year = parse_year(request.GET.get("annee"))
    declarations = declarations_with_year(
        structure.cooperation_declarations.order_by("protocol__short_name", "pk"), year
    )
    page = paginate(request, declarations)
    rows = rows_with_financing(page.object_list, year)
    context = {
        "structure": structure,
        "page": page,
        "rows": rows,
        "rules": applied_rules(row["declaration"].protocol for row in rows),
        "year": year,
        "years": _years(year),
        "total_label": euros(sum((row["financing"].amount for row in rows), start=0)),
        "may_edit": can_edit_cooperation(request.user, structure),
        "pending": [r for r in rows if r["declaration"].new_declaration_needed],
    }
    return render(request, "protocols/cooperation/structure.html", context)


def _years(year: int) -> list[int]:
    this_year = timezone.localdate().year
    return sorted({*range(max(2020, this_year - 4), this_year + 1), year}, reverse=True)


@require_GET
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration(request, pk)
    year = parse_year(request.GET.get("annee"))
    activities = list(declaration.activities.order_by("month"))
    financing = year_financing(declaration, activities, year)
    participants = list(declaration.participants.select_related("user__profession"))
    may_edit = can_edit_cooperation(request.user, declaration.structure)
    member_ids = set(declaration.structure.memberships.current().values_list("user_id", flat=True))
    current = [p for p in participants if p.removed_on is None]
    context = {
        "declaration": declaration,
        "structure": declaration.structure,
        "protocol": declaration.protocol,
        "financing": financing,
        "rules": applied_rules([declaration.protocol]),
        "not_financed_reason": ""
        if declaration.status == DeclarationStatus.STOPPED
        else declaration_notice(declaration.structure, declaration.protocol),
        "year": year,
        "years": sorted({a.month.year for a in activities} | {year}, reverse=True),
        "current": current,
        "removals": [participant_remove_confirmation(declaration, p) for p in current]
        if may_edit
        else [],
        "former": [p for p in participants if p.removed_on is not None],
        "member_ids": member_ids,
        "events": declaration.events.select_related("by")[:30],
        "may_edit": may_edit,
        "may_redeclare": declaration.new_declaration_needed and (may_edit or request.user.is_staff),
        "status_form": _status_form(declaration) if may_edit else None,
        "stop_confirmation": stop_confirmation(declaration, stop_form(declaration))
        if may_edit and DeclarationStatus.STOPPED in declaration.allowed_transitions()
        else None,
        "redeclaration_form": RedeclarationForm(),
        "activity_form": activity_form(declaration, None) if may_edit else None,
        "may_enter_activity": may_edit and declaration.is_declared,
    }
    return render(request, "protocols/cooperation/declaration.html", context)


@require_http_methods(["GET", "POST"])
def declaration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration(request, pk, write=True)
    form = DeclarationForm(
        request.POST or None, instance=declaration, structure=declaration.structure
    )
    if request.method == "POST" and form.is_valid():
        # A declaration in preparation given its date and number is « déclaré ».
        becomes_declared = not declaration.is_declared and declared(form.cleaned_data)
        try:
            with transaction.atomic():
                form.save()
                if becomes_declared:
                    declaration.change_status(
                        DeclarationStatus.DECLARED, by=request.user, date=declaration.declared_on
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if becomes_declared:
                messages.success(
                    request,
                    _("Déclaration enregistrée : le protocole est déclaré à l'ARS."),
                )
            else:
                messages.success(request, _("Déclaration enregistrée."))
            return redirect(declaration)
    return render(
        request,
        "protocols/cooperation/declaration_edit.html",
        {"declaration": declaration, "structure": declaration.structure, "form": form},
    )


def _status_form(declaration) -> StatusForm:
    """The status form of the declaration's page, without « arrêté »: stopping
    has its own button, confirmed first."""
    form = StatusForm(declaration=declaration)
    status = form.fields["status"]
    status.choices = [c for c in status.choices if c[0] != DeclarationStatus.STOPPED]
    return form


@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """The structure's year, month by month, as CSV or XLSX."""
    structure = get_cooperation_structure(request, pk)
    export_format = request.GET.get("format", "csv")
    if export_format not in EXPORT_FORMATS:
        return HttpResponseBadRequest(_("Format d'export inconnu : choisissez csv ou xlsx."))
    year = parse_year(request.GET.get("annee"))
    declarations = declarations_with_year(
        exports.with_departments(structure.cooperation_declarations.filter(status__in=_declared())),
        year,
    ).order_by("protocol__short_name", "pk")
    name = f"cooperation_{slugify(structure.name)}_{year}"
    return exports.year_file(name, declarations, year, export_format)


def _declared():
    return [s for s in DeclarationStatus if s != DeclarationStatus.PREPARATION]
