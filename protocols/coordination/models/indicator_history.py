"""The indicators in a protocol's revisions: each revision keeps them with
their dated values, so that deleting an indicator (confirmed first) loses
nothing — restoring the version saved before it brings it back."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models

from .parts import Indicator, IndicatorValue

if TYPE_CHECKING:
    from .protocol import Protocol


def indicators_content(protocol: Protocol) -> list[dict]:
    """The indicators as a revision keeps them: text, and dated values."""
    indicators = protocol.indicators.prefetch_related(
        models.Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "pk"))
    )
    return [
        {
            "id": indicator.pk,
            "name": indicator.name,
            "target": indicator.target,
            "measure": indicator.measure,
            "values": [
                {"date": v.date.isoformat(), "value": f"{v.value:.2f}", "comment": v.comment}
                for v in indicator.values.all()
            ],
        }
        for indicator in indicators
    ]


def with_indicators(content: dict) -> dict:
    """A revision's content, read as today's (no indicators kept: none)."""
    return content if "indicators" in content else {**content, "indicators": []}


def text_content(content: dict) -> dict:
    """What the protocol's form writes — the text and the steps — without the
    indicators, which have their own page."""
    return {key: value for key, value in content.items() if key != "indicators"}


def restore_indicators(protocol: Protocol, items: list[dict]) -> None:
    """Bring back the indicators and values of a revision: those deleted since
    are created again, those changed since take the revision's text and
    values; indicators and values added since are kept (nothing is lost)."""
    existing = {indicator.pk: indicator for indicator in protocol.indicators.all()}
    kept = []
    for position, item in enumerate(items, start=1):
        indicator = existing.pop(item.get("id"), None) or Indicator(protocol=protocol)
        indicator.position = position
        for key in ("name", "target", "measure"):
            setattr(indicator, key, item.get(key, ""))
        indicator.save()
        kept.append(indicator)
        for value in item.get("values", []):
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                date=datetime.date.fromisoformat(value["date"]),
                defaults={"value": Decimal(value["value"]), "comment": value.get("comment", "")},
            )
    later = sorted(existing.values(), key=lambda i: (i.position, i.pk))
    for position, indicator in enumerate(later, start=len(kept) + 1):
        if indicator.position != position:
            indicator.position = position
            indicator.save(update_fields=["position"])
