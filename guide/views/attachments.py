"""Editors manage a page's files: upload (checked by content), delete or detach."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gecolib.confirmations import confirm_page
from gecolib.idempotency import submit_once

from .. import services
from ..access import get_editable_page
from ..forms import AttachmentForm, add_service_errors
from ..models import Attachment, Page
from .confirmations import attachment_remove_confirmation


@require_http_methods(["GET", "POST"])
def attachments(request, slug: str):
    page = get_editable_page(request.user, slug)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            item = services.attach(page, form.cleaned_data["file"], by=request.user)
            messages.success(
                request,
                _("Fichier « %(name)s » joint à la page.") % {"name": item.original_name},
            )
            return reverse("guide:page_attachments", args=[page.slug])

        try:
            return submit_once(request, form, create)
        except ValidationError as error:
            add_service_errors(form, error, {"original_name": "file"}, default="file")
    items = list(Attachment.objects.attached().filter(page=page).select_related("uploaded_by"))
    bodies = _revision_bodies(page)
    context = {
        "page_obj": page,
        "form": form,
        "attachments": [
            {
                "item": item,
                "remove": attachment_remove_confirmation(page, item, used=_used(item, bodies)),
            }
            for item in items
        ],
        "detached": Attachment.objects.filter(page=page, detached_at__isnull=False),
    }
    return render(request, "guide/attachments.html", context, status=400 if form.errors else 200)


def _revision_bodies(page: Page) -> list[str]:
    """The texts of every version of the page, read once for all its files."""
    contents = page.revisions.values_list("content", flat=True)
    return [content.get("body") or "" for content in contents]


def _used(item: Attachment, bodies: list[str]) -> bool:
    """As Attachment.is_used_by_revisions, on texts already read."""
    return any(item.reference in body for body in bodies)


@require_http_methods(["GET", "POST"])
def attachment_remove(request, slug: str, pk: int):
    """GET: the confirmation page (deleted for good, or kept for the history).
    POST: the removal."""
    page = get_editable_page(request.user, slug)
    item = get_object_or_404(Attachment.objects.attached(), page=page, pk=pk)
    if request.method == "GET":
        context = attachment_remove_confirmation(page, item, used=item.is_used_by_revisions())
        return confirm_page(request, context)
    name = item.original_name
    if services.remove_attachment(item, by=request.user) == "deleted":
        messages.success(request, _("Fichier « %(name)s » supprimé.") % {"name": name})
    else:
        messages.success(
            request,
            _(
                "Fichier « %(name)s » retiré de la page. Des versions de la page s'en servent : "
                "il est conservé pour elles."
            )
            % {"name": name},
        )
    return redirect("guide:page_attachments", slug=page.slug)
