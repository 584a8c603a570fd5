from .campaign import (
    MIN_ANSWERS_SHOWN,
    Answer,
    Campaign,
    Consensus,
    Participant,
    structures_managed_for_assessments,
)
from .grid import Axis, Dimension, Grid, GridRevision, Level
from .plan import Action, ActionStatus

__all__ = [
    "MIN_ANSWERS_SHOWN",
    "Action",
    "ActionStatus",
    "Answer",
    "Axis",
    "Campaign",
    "Consensus",
    "Dimension",
    "Grid",
    "GridRevision",
    "Level",
    "Participant",
    "structures_managed_for_assessments",
]
