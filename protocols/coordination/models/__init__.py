"""Models of the coordination protocols, one module per concept."""

from .parts import DesignMeeting, Indicator, IndicatorValue, ProtocolStep
from .protocol import Protocol, ProtocolRevision, aci_count

__all__ = [
    "DesignMeeting",
    "Indicator",
    "IndicatorValue",
    "Protocol",
    "ProtocolRevision",
    "ProtocolStep",
    "aci_count",
]
