"""Models of the protocols app, one module per concept."""

from .coordination import Protocol, ProtocolRevision, aci_count
from .coordination_parts import DesignMeeting, Indicator, IndicatorValue, ProtocolStep

__all__ = [
    "DesignMeeting",
    "Indicator",
    "IndicatorValue",
    "Protocol",
    "ProtocolRevision",
    "ProtocolStep",
    "aci_count",
]
