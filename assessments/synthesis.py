"""A closed campaign's synthesis: for each dimension, how many members chose
each level (never who), hidden below `MIN_ANSWERS_SHOWN` answers; the spread
when members disagree; the level the team retained and its note; the level
retained by the previous campaign; the plan's actions. And the network's
figures for staff: campaigns run and average levels per axis, no structure
named. A fixed number of queries whatever the number of members."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from .models import MIN_ANSWERS_SHOWN, Action, Answer, Campaign, Consensus
from .models.campaign import DISAGREEMENT_SPREAD

# The network's average level of an axis is shown from this many campaigns on.
MIN_CAMPAIGNS_SHOWN = 3


@dataclass
class DimensionSynthesis:
    dimension: object
    counts: list[tuple[object, int]]  # (level, count), every level of the scale
    total: int
    consensus: Consensus | None = None
    previous_level: object | None = None
    actions: list = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.total >= MIN_ANSWERS_SHOWN

    @property
    def spread(self) -> int | None:
        chosen = [level.value for level, count in self.counts if count]
        return max(chosen) - min(chosen) if self.shown and chosen else None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD

    @property
    def level(self):
        return self.consensus.level if self.consensus and self.consensus.level_id else None


@dataclass
class AxisSynthesis:
    axis: object
    dimensions: list[DimensionSynthesis]


@dataclass
class Synthesis:
    campaign: Campaign
    levels: list
    axes: list[AxisSynthesis]
    previous: Campaign | None
    previous_actions: list
    answered: int  # members who answered at least one dimension

    @property
    def max_level(self) -> int:
        return max((level.value for level in self.levels), default=4)

    @property
    def actions(self) -> list:
        return [action for axis in self.axes for row in axis.dimensions for action in row.actions]


def synthesis(campaign: Campaign) -> Synthesis:
    """Nine queries: levels, axes, dimensions, counts, members who answered,
    consensus, the previous campaign and its consensus, the actions of both."""
    levels = campaign.grid.ordered_levels()
    by_value = {level.value: level for level in levels}
    axes = campaign.grid.ordered_axes()
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Answer.objects.filter(campaign=campaign, level__isnull=False)
        .values("dimension_id", "level__value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["dimension_id"]][row["level__value"]] = row["n"]
    answered = (
        Answer.objects.filter(campaign=campaign, level__isnull=False)
        .values("author_id")
        .distinct()
        .count()
    )
    consensus = {
        row.dimension_id: row
        for row in Consensus.objects.filter(campaign=campaign).select_related("level")
    }
    previous = campaign.previous()
    previous_levels = {}
    previous_actions = []
    if previous is not None:
        previous_levels = {
            row.dimension_id: row.level
            for row in Consensus.objects.filter(
                campaign=previous, level__isnull=False
            ).select_related("level")
        }
    actions_by_dimension = defaultdict(list)
    for action in (
        Action.objects.filter(
            campaign__in=[campaign.pk, previous.pk] if previous else [campaign.pk]
        )
        .select_related("owner", "dimension")
        .order_by("due_date", "pk")
    ):
        if action.campaign_id == campaign.pk:
            actions_by_dimension[action.dimension_id].append(action)
        else:
            previous_actions.append(action)
    result_axes = []
    for axis in axes:
        rows = []
        for dimension in axis.dimensions.all():
            per_level = counts.get(dimension.pk, {})
            previous_level = previous_levels.get(dimension.pk)
            rows.append(
                DimensionSynthesis(
                    dimension=dimension,
                    counts=[(level, per_level.get(level.value, 0)) for level in levels],
                    total=sum(per_level.values()),
                    consensus=consensus.get(dimension.pk),
                    previous_level=by_value.get(previous_level.value) if previous_level else None,
                    actions=actions_by_dimension.get(dimension.pk, []),
                )
            )
        result_axes.append(AxisSynthesis(axis=axis, dimensions=rows))
    return Synthesis(
        campaign=campaign,
        levels=levels,
        axes=result_axes,
        previous=previous,
        previous_actions=previous_actions,
        answered=answered,
    )


# -- the network, for staff -----------------------------------------------------------


def network_figures() -> dict:
    """Campaigns by year (opened, closed) and each axis's average retained
    level across the closed campaigns: no structure named, and an axis's
    average only from `MIN_CAMPAIGNS_SHOWN` campaigns on (three queries)."""
    years = list(
        Campaign.objects.annotate(year=ExtractYear("opened_at"))
        .values("year")
        .annotate(opened=Count("pk"), structures=Count("structure", distinct=True))
        .order_by("-year")
    )
    closed = Campaign.objects.closed().values("pk")
    axes = [
        {
            **row,
            "shown": row["campaigns"] >= MIN_CAMPAIGNS_SHOWN,
            "average": round(row["average"], 1) if row["average"] is not None else None,
        }
        for row in Consensus.objects.filter(campaign__in=closed, level__isnull=False)
        .values(
            "dimension__axis__grid__title",
            "dimension__axis__position",
            "dimension__axis__name",
        )
        .annotate(average=Avg("level__value"), campaigns=Count("campaign", distinct=True))
        .order_by("dimension__axis__grid__title", "dimension__axis__position")
    ]
    return {
        "years": years,
        "closed": Campaign.objects.closed().count(),
        "axes": axes,
        "min_campaigns": MIN_CAMPAIGNS_SHOWN,
        "caption": _("Niveau moyen retenu par axe"),
    }
