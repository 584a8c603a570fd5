"""Coordination protocols: the index, a structure's protocols (with the ACI
count), a protocol's page, writing one (text and steps table)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.idempotency import submit_once
from gecolib.markdown import render_markdown
from gecolib.pagination import paginate
from structures.models import Structure

from ..access import (
    can_create,
    can_edit,
    creator_structures,
    get_protocol,
    get_protocol_structure,
)
from ..enums import ProtocolStatus
from ..forms.filters import ProtocolFilter
from ..forms.protocols import (
    MARKDOWN_FIELDS,
    ProtocolForm,
    stale_version_error,
    step_formset,
    ticked_professions,
)
from ..indicator_chart import indicator_chart
from ..models import IndicatorValue, Protocol, aci_count
from ..models.parts import meeting_warning
from .confirmations import archive_confirmation
from .validation import request_form, validation_record

PER_PAGE = 25
# Markdown headings inside a protocol's field sit below the field's h2/h3.
HEADING_OFFSET = 3


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The user's protocols across the structures they follow, filterable."""
    user = request.user
    protocols = Protocol.objects.visible_to(user).of_team(user).with_list_related_data()
    filters = ProtocolFilter(request.GET, queryset=protocols.order_by("structure__name", "title"))
    page = paginate(request, filters.qs, per_page=PER_PAGE)
    structures = (
        Structure.objects.private_to(user).order_by("name")
        if not user.is_staff
        else Structure.objects.none()
    )
    context = {
        "page": page,
        "filter_form": filters.form,
        "structures": structures,
        "creator_pks": set(creator_structures(user).values_list("pk", flat=True)),
    }
    return render(request, "protocols/coordination/index.html", context)


@require_GET
def protocol_list(request: HttpRequest, structure_pk: int) -> HttpResponse:
    """A structure's protocols, and for an MSP its ACI count."""
    structure = get_protocol_structure(request, structure_pk)
    protocols = (
        Protocol.objects.visible_to(request.user)
        .of_team(request.user)
        .filter(structure=structure)
        .with_list_related_data()
        .order_by("title")
    )
    filters = ProtocolFilter(request.GET, queryset=protocols)
    page = paginate(request, filters.qs, per_page=PER_PAGE)
    context = {
        "structure": structure,
        "page": page,
        "filter_form": filters.form,
        "aci": aci_count(structure),
        "may_create": can_create(request.user, structure),
    }
    return render(request, "protocols/coordination/structure_list.html", context)


def protocol_document(protocol: Protocol, *, library: bool = False) -> dict:
    """What the page and the PDF show of a protocol: its fields as HTML, steps,
    indicators with their values and chart, meetings. In the network library
    (`library=True`) the values only if the team chose to show them, and
    their comments never: they are the team's notes."""
    values_shown = not library or protocol.show_indicator_values
    indicators = protocol.indicators.all()
    if values_shown:
        indicators = indicators.prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "pk"))
        )
    meetings = list(protocol.meetings.all())
    return {
        "html": {
            name: render_markdown(getattr(protocol, name), heading_offset=HEADING_OFFSET)
            for name in MARKDOWN_FIELDS
        },
        "steps": list(protocol.steps.all()),
        "indicators": [
            {
                "indicator": i,
                "values": list(i.values.all()) if values_shown else [],
                "chart": indicator_chart(i.values.all(), target=i.target) if values_shown else None,
            }
            for i in indicators
        ],
        "values_shown": values_shown,
        "comments_shown": not library,
        "meetings": meetings,
        "meeting_hours": round(sum(m.duration_minutes for m in meetings) / 60, 1),
        "meeting_warning": meeting_warning(meetings),
        "professions": list(protocol.professions.all()),
        "members": list(protocol.members.select_related("profession")),
        "authors": list(protocol.authors.all()),
        "agreed_by": list(protocol.agreed_by.all()),
    }


@require_GET
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk)
    editor = can_edit(request.user, protocol)
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "may_edit": editor,
        "archive_confirmation": archive_confirmation(protocol)
        if editor and protocol.status != ProtocolStatus.ARCHIVED
        else None,
        "request_form": request_form(protocol) if editor and protocol.is_editable else None,
        "validation": validation_record(protocol, request.user),
        **protocol_document(protocol),
    }
    return render(request, "protocols/coordination/detail.html", context)


def _save(request, form, formset, protocol: Protocol, *, created: bool) -> Protocol:
    """Save the text and the steps as a new revision. An edit locks the
    protocol's row and checks again, inside the transaction, that nobody saved
    since the page's version: of two saves from the same version, the second
    is refused (ValidationError) and changes nothing."""
    with transaction.atomic():
        if not created:
            Protocol.objects.lock(protocol.pk)
            if error := stale_version_error(protocol, form.cleaned_data["base_revision"]):
                raise error
        protocol = form.save()
        formset.instance = protocol
        formset.save_ordered(protocol)
        comment = form.cleaned_data.get("comment", "")
        if created and not comment:
            comment = _("Création du protocole")
        protocol.save_revision(by=request.user, comment=comment)
    return protocol


@require_http_methods(["GET", "POST"])
def protocol_create(request: HttpRequest, structure_pk: int) -> HttpResponse:
    """Start a protocol. GET parameters `title`, `problem` and `origin` prefill it
    (an RCP decision starts a protocol draft)."""
    structure = get_protocol_structure(request, structure_pk, create=True)
    protocol = Protocol(structure=structure, created_by=request.user)
    Steps = step_formset(extra=1)
    if request.method == "POST":
        form = ProtocolForm(
            request.POST, instance=protocol, structure=structure, may_name_authors=True
        )
        formset = Steps(request.POST, instance=protocol, prefix="steps")
        if form.is_valid() and formset.is_valid():

            def create() -> str:
                saved = _save(request, form, formset, protocol, created=True)
                messages.success(request, _("Le protocole a été créé."))
                return reverse("protocols:protocol_detail", args=[saved.pk])

            return submit_once(request, form, create)
    else:
        initial = {
            key: request.GET.get(key, "")[:limit]
            for key, limit in (("title", 200), ("problem", 5000), ("origin", 255))
            if request.GET.get(key)
        }
        form = ProtocolForm(
            instance=protocol, structure=structure, may_name_authors=True, initial=initial
        )
        formset = Steps(instance=protocol, prefix="steps")
    return _render_form(request, structure, form, formset, protocol=None)


@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    structure = protocol.structure
    if not protocol.is_editable:
        messages.info(
            request,
            _(
                "Ce protocole est « %(status)s » : passez-le « à réviser » pour modifier son "
                "texte ou ses étapes."
            )
            % {"status": protocol.get_status_display()},
        )
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    may_name_authors = can_create(request.user, structure)
    # One empty row: without script, a step is added by filling it in.
    Steps = step_formset(extra=1)
    if request.method == "POST":
        form = ProtocolForm(
            request.POST, instance=protocol, structure=structure, may_name_authors=may_name_authors
        )
        formset = Steps(request.POST, instance=protocol, prefix="steps")
        if form.is_valid() and formset.is_valid():
            try:
                _save(request, form, formset, protocol, created=False)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Le protocole a été enregistré."))
                return redirect("protocols:protocol_detail", pk=protocol.pk)
    else:
        form = ProtocolForm(
            instance=protocol, structure=structure, may_name_authors=may_name_authors
        )
        formset = Steps(instance=protocol, prefix="steps")
    return _render_form(request, structure, form, formset, protocol=protocol)


def _render_form(request, structure, form, formset, *, protocol) -> HttpResponse:
    context = {
        "structure": structure,
        "form": form,
        "formset": formset,
        "protocol": protocol,
        "step_professions": ticked_professions(form),
    }
    return render(request, "protocols/coordination/form.html", context)
