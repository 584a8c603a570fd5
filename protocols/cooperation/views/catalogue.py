"""The national catalogue of cooperation protocols: read by every signed-in
professional, kept by staff; each change is a dated revision that can be
compared and restored (views/versions.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import submit_once
from gecolib.pagination import paginate
from gecolib.revisions import latest_revision
from gecolib.views.revisions import save_version

from ..forms.declarations import NationalProtocolCreationForm, NationalProtocolForm
from ..models import NationalProtocol


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    protocols = NationalProtocol.objects.with_related().order_by("withdrawn_on", "short_name")
    page = paginate(request, protocols, per_page=25)
    return render(request, "protocols/cooperation/catalogue.html", {"page": page})


@require_GET
def protocol(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol.objects.with_related(), pk=pk)
    latest = latest_revision(protocol.revisions.select_related("author"))
    return render(
        request,
        "protocols/cooperation/protocol.html",
        {"protocol": protocol, "latest": latest},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def protocol_create(request: HttpRequest) -> HttpResponse:
    form = NationalProtocolCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            protocol = form.save()
            protocol.save_revision(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(
                request, _("Protocole « %(name)s » ajouté au catalogue.") % {"name": protocol}
            )
            return protocol.get_absolute_url()

        return submit_once(request, form, create)
    return render(request, "protocols/cooperation/protocol_form.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(NationalProtocol, pk=pk)
    form = NationalProtocolForm(request.POST or None, instance=protocol)
    if request.method == "POST" and form.is_valid():
        return save_version(
            request,
            form,
            protocol,
            saved=_("Protocole modifié : version %(number)s enregistrée."),
            to=protocol.get_absolute_url(),
            once=False,  # an edit sent twice saves the same values
        )
    return render(
        request, "protocols/cooperation/protocol_form.html", {"form": form, "protocol": protocol}
    )
