"""The staff import page: upload Markdown, HTML, DOCX files or a ZIP of the
old site; each document becomes a draft page (guide.importing.importer), and
the report of the last import is shown on the page."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import submit_once

from ..importing.forms import ImportForm
from ..importing.importer import import_documents, unpack_zip

REPORT_SESSION_KEY = "guide_import_report"


@staff_required
@require_http_methods(["GET", "POST"])
def import_documents_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files: dict[str, bytes] = {}
        unreadable: list[dict] = []
        for upload in form.cleaned_data["files"]:
            data = upload.read()
            if upload.name.lower().endswith(".zip"):
                try:
                    files.update(unpack_zip(upload.name, data))
                except ValueError as error:
                    unreadable.append({"source": upload.name, "reason": str(error)})
            else:
                files[upload.name] = data

        def run() -> str:
            report = import_documents(files, by=request.user, parent=form.cleaned_data["parent"])
            result = report.as_dict()
            result["failed"] = unreadable + result["failed"]
            request.session[REPORT_SESSION_KEY] = result
            return reverse("guide:import")

        return submit_once(request, form, run)
    report = request.session.pop(REPORT_SESSION_KEY, None) if request.method == "GET" else None
    return render(request, "guide/import.html", {"form": form, "report": report})
