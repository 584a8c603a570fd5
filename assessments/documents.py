"""The content key of a campaign's report (gecolib.pdf): known before the
report is built, so a 304, or a PDF kept already, costs neither the
synthesis nor its HTML.

A key names the campaign and the version of its grid, the generation of
the structure's campaigns (answers, consensus, participants, actions:
renewed by `connect`; the report compares with the previous campaign), the
generation of the grids, the structure's own generation (its name, its
members' names, the campaigns themselves: structures.documents) and the day
printed on the report."""

from __future__ import annotations

from django.utils import timezone

from gecolib.pdf import follow_rows, generation
from structures.documents import structure_generation

from .models import (
    Action,
    Answer,
    Axis,
    Campaign,
    Consensus,
    Dimension,
    Grid,
    GridRevision,
    Level,
    Participant,
)

REPORT_TEMPLATE = "assessments/print/report.html"
GRIDS_SCOPE = "assessments:grids"


def _scope(structure_id) -> str:
    return f"assessments:{structure_id}"


def report_content_key(campaign: Campaign) -> str:
    return ":".join(
        [
            f"{campaign.pk}g{campaign.grid_id}v{campaign.grid_version}",
            generation(_scope(campaign.structure_id)),
            generation(GRIDS_SCOPE),
            structure_generation(campaign.structure_id),
            timezone.localdate().isoformat(),
        ]
    )


def _campaign_scope(row) -> str | None:
    structure_id = (
        Campaign.objects.filter(pk=row.campaign_id).values_list("structure_id", flat=True).first()
    )
    return _scope(structure_id) if structure_id else None


def connect() -> None:
    """Called by the app's ready()."""
    for model in (Answer, Consensus, Participant, Action):
        follow_rows(model, _campaign_scope)
    for model in (Grid, GridRevision, Level, Axis, Dimension):
        follow_rows(model, lambda row: GRIDS_SCOPE)
