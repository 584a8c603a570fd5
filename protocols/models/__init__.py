"""Models of the protocols app, one module per concept."""

from .cooperation import (
    CooperationDeclaration,
    DeclarationEvent,
    MonthlyActivity,
    NationalProtocol,
    NationalProtocolRevision,
    Participant,
)
from .coordination import Protocol, ProtocolRevision, aci_count
from .coordination_parts import DesignMeeting, Indicator, IndicatorValue, ProtocolStep

__all__ = [
    "CooperationDeclaration",
    "DeclarationEvent",
    "MonthlyActivity",
    "NationalProtocol",
    "NationalProtocolRevision",
    "Participant",
    "DesignMeeting",
    "Indicator",
    "IndicatorValue",
    "Protocol",
    "ProtocolRevision",
    "ProtocolStep",
    "aci_count",
]
