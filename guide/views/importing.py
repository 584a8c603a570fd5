"""The staff import page: upload Markdown, HTML, DOCX files, a WordPress
export or a ZIP of the old site; each document becomes a draft page, or a new
version of the page it matches (guide.importing.importer), and
the report of the last import is shown on the page. Archives are read entry
by entry with size caps (guide.importing.archives): an unreadable, encrypted
or oversized entry is listed in the report, the rest imported."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import submit_once

from ..importing.archives import ImportSources
from ..importing.forms import ImportForm
from ..importing.importer import import_documents

REPORT_SESSION_KEY = "guide_import_report"


@staff_required
@require_http_methods(["GET", "POST"])
def import_documents_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with ImportSources(form.cleaned_data["files"]) as sources:

            def run() -> str:
                report = import_documents(
                    sources.files,
                    by=request.user,
                    parent=form.cleaned_data["parent"],
                    on_existing=form.cleaned_data["on_existing"],
                )
                result = report.as_dict()
                refused = [{"source": name, "reason": reason} for name, reason in sources.refused]
                result["failed"] = refused + result["failed"]
                request.session[REPORT_SESSION_KEY] = result
                return reverse("guide:import")

            return submit_once(request, form, run)
    report = request.session.pop(REPORT_SESSION_KEY, None) if request.method == "GET" else None
    return render(request, "guide/import.html", {"form": form, "report": report})
