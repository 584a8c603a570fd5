"""A protocol's PDFs: the protocol (the one-page "fiche de poche" — the
steps table, to consult during care — then the full protocol), and the
fiche de poche alone, on an A5 page, with the team's contacts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gecolib.pdf import pdf_response
from structures.models import Membership

from .. import documents
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
    # The ETag is known before the document is built (documents.py).
    return pdf_response(
        documents.PDF_TEMPLATE,
        lambda: pdf_context(protocol),
        pdf_filename(protocol),
        request=request,
        content_key=documents.content_key(protocol),
    )


def pocket_contacts(protocol: Protocol) -> list:
    """Whom to call about the protocol: the members it names (« membres
    impliqués ») still members of the structure or, when it names none who
    is, the structure's current members of the professions it concerns. Their
    names, professions and phones as entered in their profiles (two queries)."""
    current = Membership.objects.current().filter(structure=protocol.structure_id)
    users = (
        protocol.members.filter(pk__in=current.values("user_id"), is_active=True)
        .select_related("profession")
        .order_by("last_name", "first_name", "pk")
    )
    contacts = list(users)
    if contacts:
        return contacts
    return list(
        get_user_model()
        .objects.filter(
            pk__in=current.values("user_id"),
            profession__in=protocol.professions.values("pk"),
            is_active=True,
        )
        .select_related("profession")
        .order_by("last_name", "first_name", "pk")
    )


def pocket_filename(protocol: Protocol) -> str:
    return f"fiche-de-poche_{slugify(protocol.title)[:60]}_{timezone.localdate():%Y-%m-%d}.pdf"


@require_GET
def protocol_pocket_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The fiche de poche alone (A5), printable to keep at hand during care."""
    protocol = get_protocol(request, pk)
    return pdf_response(
        documents.POCKET_TEMPLATE,
        lambda: pocket_context(protocol),
        pocket_filename(protocol),
        request=request,
        content_key=documents.content_key(protocol),
    )


def pocket_context(protocol: Protocol) -> dict:
    return {
        "protocol": protocol,
        "structure": protocol.structure,
        "generated_on": timezone.localdate(),
        "steps": list(protocol.steps.all()),
        "contacts": pocket_contacts(protocol),
    }
