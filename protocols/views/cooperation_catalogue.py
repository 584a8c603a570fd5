"""The national catalogue of cooperation protocols: read by every signed-in
professional, kept by staff; each change is a dated revision that can be
compared and restored."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.access import staff_required
from gecolib.diff import diff_contents
from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors
from gecolib.revisions import RevisionPages, latest_revision, revisions_to_compare

from ..forms.cooperation import NationalProtocolCreationForm, NationalProtocolForm
from ..models.cooperation import NationalProtocol
from ..models.cooperation.catalogue import REVISION_FIELDS


@require_GET
def cooperation_catalogue(request: HttpRequest) -> HttpResponse:
    protocols = NationalProtocol.objects.with_related().order_by("withdrawn_on", "short_name")
    page = Paginator(protocols, 25).get_page(request.GET.get("page"))
    return render(request, "protocols/cooperation/catalogue.html", {"page": page})


@require_GET
def cooperation_protocol(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol.objects.with_related(), pk=pk)
    latest = latest_revision(protocol.revisions.select_related("author"))
    return render(
        request,
        "protocols/cooperation/protocol.html",
        {"protocol": protocol, "latest": latest},
    )


@staff_required
def cooperation_protocol_create(request: HttpRequest) -> HttpResponse:
    form = NationalProtocolCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            protocol = form.save()
            protocol.record_revision(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(
                request, _("Protocole « %(name)s » ajouté au catalogue.") % {"name": protocol}
            )
            return protocol.get_absolute_url()

        return submit_once(request, form, create)
    return render(request, "protocols/cooperation/protocol_form.html", {"form": form})


@staff_required
def cooperation_protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    form = NationalProtocolForm(request.POST or None, instance=protocol)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            revision = protocol.record_revision(
                by=request.user, comment=form.cleaned_data["comment"]
            )
        if revision is None:
            messages.info(request, _("Aucune modification : rien n'a été enregistré."))
        else:
            messages.success(
                request,
                _("Protocole modifié : version %(number)s enregistrée.")
                % {"number": revision.number},
            )
        return redirect(protocol)
    return render(
        request, "protocols/cooperation/protocol_form.html", {"form": form, "protocol": protocol}
    )


def _pages(protocol: NationalProtocol) -> RevisionPages:
    return RevisionPages(
        view="protocols:cooperation_protocol_version",
        compare="protocols:cooperation_protocol_compare",
        restore="protocols:cooperation_protocol_restore",
        args=(protocol.pk,),
    )


@staff_required
@require_GET
def cooperation_protocol_history(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    revisions = protocol.revisions.select_related("author", "restored_from").order_by("-number")
    page = Paginator(revisions, 20).get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    current = on_page[0].number if on_page and page.number == 1 else None
    pages = _pages(protocol)
    context = {
        "protocol": protocol,
        "page": page,
        "rows": pages.rows(on_page, current=current),
        "compare_url": pages.compare_url(),
    }
    return render(request, "protocols/cooperation/protocol_history.html", context)


@staff_required
@require_GET
def cooperation_protocol_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    revision = get_object_or_404(
        protocol.revisions.select_related("author", "restored_from"), number=number
    )
    latest = latest_revision(protocol.revisions)
    fields = [(label, revision.content.get(key, "")) for key, label in REVISION_FIELDS]
    context = {
        "protocol": protocol,
        "revision": revision,
        "fields": fields,
        "may_restore": latest is not None and latest.content != revision.content,
    }
    return render(request, "protocols/cooperation/protocol_version.html", context)


@staff_required
@require_GET
def cooperation_protocol_compare(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    try:
        old, new = revisions_to_compare(
            protocol.revisions, request.GET.get("a"), request.GET.get("b")
        )
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("protocols:cooperation_protocol_history", pk=protocol.pk)
    diffs = diff_contents(old.content, new.content, REVISION_FIELDS)
    context = {
        "protocol": protocol,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "protocols/cooperation/protocol_compare.html", context)


@require_POST
@staff_required
def cooperation_protocol_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    revision = get_object_or_404(protocol.revisions, number=number)
    try:
        new = protocol.restore(revision, by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("protocols:cooperation_protocol_history", pk=protocol.pk)
    messages.success(
        request,
        _("Les valeurs de la version %(old)s sont rétablies (version %(new)s).")
        % {"old": revision.number, "new": new.number},
    )
    return redirect(protocol)
