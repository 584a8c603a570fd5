"""The media chooser of the guide's editor (static/js/media-chooser.js): the
guide's library of files, searchable, with thumbnails; a file dropped or
picked from the computer (checked by content, images resized); a file of
another page picked again (copied to this page). For a page not yet saved,
files are pending, held by the editor's form (`cle`) until the first version
that uses them is saved (guide/models/attachments.py). Editors only."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.idempotency import OneTimeTokenMixin, new_token, submit_once

from ..access import editor_required, get_editable_page
from ..models import Attachment, Page
from ..params import slug_param, text_param
from ..services import attachments as files_service

LIBRARY_PER_PAGE = 12
DRAFT_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class UploadForm(OneTimeTokenMixin, forms.Form):
    file = forms.FileField(label=_("Fichier"))


def _target(request, data) -> tuple[Page | None, str]:
    """The page the file is for (`pour`, its address), or the key of the
    editor's form for a page not yet saved (`cle`)."""
    slug = slug_param(data.get("pour"))
    if slug:
        return get_editable_page(request.user, slug), ""
    key = (data.get("cle") or "").strip()
    if DRAFT_KEY.match(key):
        return None, key
    raise Http404


def _item(request, pk: int) -> Attachment:
    files = Attachment.objects.visible_to(request.user).attached().select_related("page")
    item = get_object_or_404(files, pk=pk)
    if item.page is None and item.uploaded_by_id != request.user.pk:
        raise Http404  # another editor's file for their page not yet saved
    return item


def describe(item: Attachment) -> dict:
    return {
        "id": item.pk,
        "reference": item.reference,
        "name": item.original_name,
        "is_image": item.is_image,
        "type": item.type_label,
        "thumbnail": reverse("guide:media_file", args=[item.pk]) + "?vignette=1"
        if item.is_image
        else "",
    }


@editor_required
@require_GET
def library(request):
    """The library, as the chooser's fragment: the files of the guide's pages
    and those dropped for this page, newest first, filtered by name, paginated."""
    page, key = _target(request, request.GET)
    q = text_param(request.GET.get("q"))
    if page is not None:
        own = Attachment.objects.attached().filter(page=page)
    else:
        own = Attachment.objects.pending().filter(uploaded_by=request.user, draft_key=key)
    files = Attachment.objects.library() | own
    if q:
        files = files.filter(original_name__icontains=q)
    files = files.select_related("page").order_by("-created_at", "-pk")
    paginator = Paginator(files, LIBRARY_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {"page": page_obj, "q": q, "current": page}
    return render(request, "guide/_media_library.html", context)


@editor_required
@require_POST
def upload(request):
    """A file dropped in the chooser; answers the file's description (through
    a redirect, so that a second post of the same form gives the same file)."""
    page, key = _target(request, request.POST)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(message) for messages in form.errors.values() for message in messages]
        return JsonResponse({"errors": errors}, status=400)

    def create() -> str:
        item = files_service.attach(page, form.cleaned_data["file"], by=request.user, draft_key=key)
        return reverse("guide:media_item", args=[item.pk])

    try:
        return submit_once(request, form, create)
    except ValidationError as error:
        return JsonResponse({"errors": error.messages}, status=400)


@editor_required
@require_POST
def choose(request, pk: int):
    """A file of the library picked for this page: the same file when it is
    the page's own, a copy otherwise."""
    page, key = _target(request, request.POST)
    item = files_service.copy_attachment(_item(request, pk), page, by=request.user, draft_key=key)
    return redirect("guide:media_item", pk=item.pk)


@editor_required
@require_GET
def item(request, pk: int):
    # The chooser's upload form takes a new one-time token for its next file.
    return JsonResponse(describe(_item(request, pk)) | {"next_token": new_token()})


@editor_required
@require_GET
def file(request, pk: int):
    """The file (`?vignette=1`: its thumbnail) for the editors' chooser and
    preview, pending files included; never cached."""
    item = _item(request, pk)
    stored = item.thumbnail if request.GET.get("vignette") and item.thumbnail else item.file
    response = FileResponse(
        stored.open("rb"),
        content_type=item.mime_type,
        as_attachment=not item.is_image,
        filename=item.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
