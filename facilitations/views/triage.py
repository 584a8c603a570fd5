"""Staff triage: the queue of requests and the decisions on each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.access import staff_required
from gecolib.idempotency import submit_once
from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate
from gecolib.text import de

from ..access import get_request_for
from ..forms import AcceptForm, DeclineForm, RedirectForm, TriageFilter
from ..forms.filters import UNREAD
from ..models import FacilitationRequest


@staff_required
@require_GET
def triage(request: HttpRequest) -> HttpResponse:
    requests = FacilitationRequest.objects.with_unread_count(request.user)
    filterset = TriageFilter(request.GET, queryset=requests, request=request)
    requests = filterset.qs.with_list_related_data()
    page = paginate(request, requests.order_by("created_at", "pk"), ids_first=True)
    unread = FacilitationRequest.objects.with_unread_messages(request.user).count()
    return render(
        request,
        "facilitations/triage.html",
        {"form": filterset.form, "page": page, "unread_total": unread, "unread_value": UNREAD},
    )


@require_POST
def request_review(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_request_for(request, pk, staff=True)
    try:
        obj.start_review(by=request.user)
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        messages.success(request, _("Vous examinez cette demande."))
    return redirect("facilitations:request_detail", pk=obj.pk)


@require_http_methods(["GET", "POST"])
def request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_request_for(request, pk, staff=True)
    if not obj.is_open:
        messages.error(
            request,
            _("Cette demande est déjà « %(status)s ».") % {"status": obj.get_status_display()},
        )
        return redirect("facilitations:request_detail", pk=obj.pk)
    form = AcceptForm(request.POST or None, request_obj=obj)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def accept() -> str:
            facilitation = obj.accept(
                by=request.user,
                structure=data["structure"],
                new_structure_kind=data["new_structure_kind"] or None,
                new_structure_name=data["new_structure_name"].strip(),
                facilitator=data["facilitator"],
                project_officer=data["project_officer"],
            )
            messages.success(
                request,
                _("Demande acceptée : la facilitation %(of_name)s est ouverte.")
                % {"of_name": de(facilitation.structure.name)},
            )
            return reverse("facilitations:detail", args=[facilitation.pk])

        try:
            return submit_once(request, form, accept)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "facilitations/request_accept.html",
        {"req": obj, "form": form, "lookalikes": form.lookalikes()},
    )


def _decision(request, pk, form_class, apply, title, success):
    obj = get_request_for(request, pk, staff=True)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def decide() -> str:
            apply(obj, form.cleaned_data)
            messages.success(request, success)
            return reverse("facilitations:request_detail", args=[obj.pk])

        try:
            return submit_once(request, form, decide)
        except ValidationError as error:
            add_validation_errors(request, error)
        return redirect("facilitations:request_detail", pk=obj.pk)
    return render(
        request, "facilitations/request_decision.html", {"req": obj, "form": form, "title": title}
    )


@require_http_methods(["GET", "POST"])
def request_redirect(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        pk,
        RedirectForm,
        lambda obj, data: obj.redirect(by=request.user, to=data["to"]),
        _("Orienter la demande ailleurs"),
        _("Demande orientée ; le demandeur en est informé par e-mail."),
    )


@require_http_methods(["GET", "POST"])
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision(
        request,
        pk,
        DeclineForm,
        lambda obj, data: obj.decline(by=request.user, reason=data["reason"]),
        _("Décliner la demande"),
        _("Demande déclinée ; le demandeur en est informé par e-mail."),
    )
