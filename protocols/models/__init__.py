"""Models of the protocols app, one module per concept."""

# -- national cooperation protocols (catalogue, declarations, activity) ---------------
from .cooperation import (  # noqa: E402, F401
    CooperationDeclaration,
    DeclarationEvent,
    MonthlyActivity,
    NationalProtocol,
    NationalProtocolRevision,
    Participant,
)
