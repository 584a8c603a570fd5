from .aci import AciRule, AciRuleRevision
from .carpec import CarpecReview, CarpecSession
from .health_project import HealthProject, HealthProjectVersion
from .members import Invitation, Membership
from .structure import CptsMission, StageChange, Structure

__all__ = [
    "AciRule",
    "AciRuleRevision",
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
