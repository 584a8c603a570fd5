"""Models of the coordination protocols, one module per concept."""

from .parts import DesignMeeting, Indicator, IndicatorValue, ProtocolStep
from .protocol import Protocol, ProtocolRevision, aci_count
from .validation import ValidationAnswer, ValidationRound

__all__ = [
    "DesignMeeting",
    "Indicator",
    "IndicatorValue",
    "Protocol",
    "ProtocolRevision",
    "ProtocolStep",
    "ValidationAnswer",
    "ValidationRound",
    "aci_count",
]
