"""A professional's requests: submit, follow, exchange messages with staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.notifications import notify
from gecolib.pagination import paginate

from ..access import get_request_for
from ..forms import FacilitationRequestForm, RequestMessageForm
from ..models import FacilitationRequest


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    form = FacilitationRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            obj = form.save(commit=False)
            obj.requester = request.user
            obj.save()
            form.save_m2m()
            notify(
                request.user.email,
                "facilitations/emails/request_received",
                {"req": obj, "requester": request.user},
                key=f"request-{obj.pk}-received",
            )
            messages.success(
                request,
                _(
                    "Votre demande est déposée. Un e-mail de confirmation vous a été envoyé ; "
                    "l'équipe GECO Lib' vous répondra sur cette page."
                ),
            )
            return reverse("facilitations:request_detail", args=[obj.pk])

        # One request and one e-mail per form, however often it is sent.
        return submit_once(request, form, create)
    return render(request, "facilitations/request_form.html", {"form": form})


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """The requester's own requests ("Mes demandes")."""
    requests = (
        FacilitationRequest.objects.filter(requester=request.user)
        .with_unread_count(request.user)
        .with_list_related_data()
        .select_related("facilitation")
        .order_by("-created_at")
    )
    page = paginate(request, requests)
    return render(request, "facilitations/request_list.html", {"page": page})


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_request_for(request, pk)
    facilitation = getattr(obj, "facilitation", None) if obj.status == "acceptee" else None
    binome = []
    if facilitation is not None:
        binome = list(facilitation.assignments.filter(ended_at__isnull=True).select_related("user"))
    messages_list = list(obj.messages.select_related("author"))
    obj.mark_read(request.user)  # the messages shown are read: no more « nouveau »
    return render(
        request,
        "facilitations/request_detail.html",
        {
            "req": obj,
            "needs": list(obj.needs.all()),
            "professions": list(obj.professions.all()),
            "messages_list": messages_list,
            "message_form": RequestMessageForm() if obj.can_post_message(request.user) else None,
            "facilitation": facilitation,
            "binome": binome,
        },
    )


@require_POST
def request_message(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_request_for(request, pk)
    if not obj.can_post_message(request.user):
        raise PermissionDenied
    form = RequestMessageForm(request.POST)
    if not form.is_valid():
        add_form_errors(request, form)
        return redirect("facilitations:request_detail", pk=obj.pk)

    def create() -> str:
        obj.post_message(by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Message envoyé."))
        return reverse("facilitations:request_detail", args=[obj.pk])

    try:
        return submit_once(request, form, create)
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect("facilitations:request_detail", pk=obj.pk)
