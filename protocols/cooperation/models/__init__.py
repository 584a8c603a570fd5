"""National cooperation protocols (article 51 HPST): the national catalogue
kept by staff, structures' declarations and their monthly activity, and the
financing computed from them."""

from .activity import MonthlyActivity
from .catalogue import NationalProtocol, NationalProtocolRevision
from .declarations import CooperationDeclaration, DeclarationEvent, Participant

__all__ = [
    "CooperationDeclaration",
    "DeclarationEvent",
    "MonthlyActivity",
    "NationalProtocol",
    "NationalProtocolRevision",
    "Participant",
]
