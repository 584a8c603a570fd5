"""The content keys of a protocol's PDFs (gecolib.pdf): known before the
document is built, so a 304, or a PDF kept already, costs neither its
context nor its HTML.

A key names the protocol as saved (`updated_at`), the generation of its
parts (steps, indicators and their values, design meetings, validation
rounds, the members and professions it names: renewed by `connect`), the
structure's generation (its name, its team and their phones:
structures.documents) and the day printed on the document."""

from __future__ import annotations

from django.utils import timezone

from gecolib.pdf import follow_relations, follow_rows, generation
from structures.documents import structure_generation

from .models import (
    DesignMeeting,
    Indicator,
    IndicatorValue,
    Protocol,
    ProtocolStep,
    ValidationAnswer,
    ValidationRound,
)

PDF_TEMPLATE = "protocols/coordination/pdf.html"
POCKET_TEMPLATE = "protocols/coordination/pocket_pdf.html"


def _scope(protocol_id) -> str:
    return f"protocol:{protocol_id}"


def content_key(protocol: Protocol) -> str:
    return ":".join(
        [
            f"{protocol.pk}@{protocol.updated_at.isoformat()}",
            generation(_scope(protocol.pk)),
            structure_generation(protocol.structure_id),
            timezone.localdate().isoformat(),
        ]
    )


def _value_scope(value: IndicatorValue) -> str | None:
    rows = Indicator.objects.filter(pk=value.indicator_id)
    protocol_id = rows.values_list("protocol_id", flat=True).first()
    return _scope(protocol_id) if protocol_id else None


def _answer_scope(answer: ValidationAnswer) -> str | None:
    rows = ValidationRound.objects.filter(pk=answer.round_id)
    protocol_id = rows.values_list("protocol_id", flat=True).first()
    return _scope(protocol_id) if protocol_id else None


def connect() -> None:
    """Called by the app's ready()."""
    for model in (ProtocolStep, Indicator, DesignMeeting, ValidationRound):
        follow_rows(model, lambda row: _scope(row.protocol_id))
    follow_rows(IndicatorValue, _value_scope)
    follow_rows(ValidationAnswer, _answer_scope)
    for relation in (Protocol.members, Protocol.professions, Protocol.authors, Protocol.agreed_by):
        follow_relations(relation.through, _scope)
