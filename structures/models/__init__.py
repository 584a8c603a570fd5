from .carpec import CarpecReview, CarpecSession
from .health_project import HealthProject, HealthProjectVersion
from .structure import (
    CptsMission,
    Invitation,
    Membership,
    StageChange,
    Structure,
)

__all__ = [
    "CarpecReview",
    "CarpecSession",
    "CptsMission",
    "HealthProject",
    "HealthProjectVersion",
    "Invitation",
    "Membership",
    "StageChange",
    "Structure",
]
