"""A protocol's PDF: the one-page "fiche de poche" (the steps table, to
consult during care), then the full protocol."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.pdf import pdf_response

from ..access import get_protocol
from ..models import Protocol
from .protocols import protocol_document


def pdf_context(protocol: Protocol) -> dict:
    return {
        "protocol": protocol,
        "structure": protocol.structure,
        "generated_on": timezone.localdate(),
        **protocol_document(protocol),
    }


def pdf_filename(protocol: Protocol) -> str:
    return f"protocole_{slugify(protocol.title)[:60]}_{timezone.localdate():%Y-%m-%d}.pdf"


@require_GET
def protocol_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk)
    return pdf_response(
        "protocols/coordination/pdf.html", pdf_context(protocol), pdf_filename(protocol)
    )
