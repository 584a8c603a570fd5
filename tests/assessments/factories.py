"""Campaigns on the starter grid (loaded by migration 0002): opened for a
structure, answered by members, concluded by the team."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone

from assessments.models import Answer, Campaign, Consensus, Dimension, Grid
from assessments.starter_grid import TITLE, load


def starter_grid() -> Grid:
    grid = Grid.objects.filter(title=TITLE).first()
    if grid is None:
        load(apps)
        grid = Grid.objects.get(title=TITLE)
    return grid


def dimensions(grid: Grid) -> list[Dimension]:
    return list(
        Dimension.objects.filter(axis__grid=grid).order_by("axis__position", "position", "pk")
    )


def open_campaign(structure, by, *, days: int = 14, title: str = "Autoévaluation 2026") -> Campaign:
    return Campaign.open_for(
        structure,
        grid=starter_grid(),
        title=title,
        closes_on=timezone.localdate() + datetime.timedelta(days=days),
        by=by,
    )


def answer_all(campaign: Campaign, user, value: int, comment: str = "") -> None:
    levels = {level.value: level for level in campaign.grid.levels.all()}
    for dimension in dimensions(campaign.grid):
        Answer.objects.create(
            campaign=campaign,
            dimension=dimension,
            author=user,
            level=levels[value],
            comment=comment,
        )
    campaign.participants.filter(user=user).update(submitted_at=timezone.now())


def close(campaign: Campaign, *, days_ago: int = 0) -> Campaign:
    campaign.closed_at = timezone.now() - datetime.timedelta(days=days_ago)
    campaign.save(update_fields=["closed_at"])
    return campaign


def retain(campaign: Campaign, value: int, by=None) -> None:
    levels = {level.value: level for level in campaign.grid.levels.all()}
    Consensus.objects.bulk_create(
        Consensus(campaign=campaign, dimension=dimension, level=levels[value], recorded_by=by)
        for dimension in dimensions(campaign.grid)
    )
