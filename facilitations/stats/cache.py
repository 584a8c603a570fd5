"""The statistics of a period, computed once and kept in the cache.

A period's figures are cached under a key that carries a generation number per year of the
period plus a general one. Saving or deleting a session bumps the
generations of its year (before and after a change of date), so only the
periods touching that year are computed again; a change of a facilitation,
a request or a structure (opening and closing dates, status, kind,
territory) bumps the general generation. Bulk writes (demo data, the
benchmark database) call `forget_statistics()`.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone, translation

from structures.models import Structure

from ..models import Facilitation, FacilitationRequest, Session, SessionParticipation
from .compute import Statistics, compute_statistics
from .period import Period

TIMEOUT = 7 * 24 * 3600
# A period still running is kept a few minutes only: reference lists edited
# in the admin (needs, help types, EPCIs) reach it without a signal.
CURRENT_TIMEOUT = 5 * 60
GENERAL = "stats:generation"


def _year_key(year: int) -> str:
    return f"stats:generation:{year}"


def _generations(period: Period) -> str:
    keys = [GENERAL, *(_year_key(year) for year in period.years())]
    found = cache.get_many(keys)
    return "-".join(str(found.get(key, 0)) for key in keys)


def statistics_for(period: Period, *, today: datetime.date | None = None) -> Statistics:
    """The period's statistics: from the cache when nothing it covers changed
    since they were computed (a week for a closed period, five minutes for
    one still running); computed otherwise."""
    today = today or timezone.localdate()
    key = (
        f"stats:{translation.get_language()}:{period.start.isoformat()}:"
        f"{period.end.isoformat()}:{_generations(period)}"
    )
    statistics = cache.get(key)
    if statistics is None:
        statistics = compute_statistics(period)
        cache.set(key, statistics, TIMEOUT if period.end < today else CURRENT_TIMEOUT)
    return statistics


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): any new value changes the keys
        cache.set(key, int(timezone.now().timestamp() * 1000), None)


def forget_statistics(years: set[int] | None = None) -> None:
    """Make the cached statistics of these years (of every period, by default) stale."""
    if years is None:
        _bump(GENERAL)
    for year in years or ():
        _bump(_year_key(year))


def _session_moving(sender, instance: Session, **kwargs) -> None:
    """Before a session is saved again: the year it leaves is stale too."""
    if instance.pk:
        stored = Session.objects.filter(pk=instance.pk).values_list("date", flat=True).first()
        if stored and stored != instance.date:
            forget_statistics({stored.year})


def _session_changed(sender, instance: Session, **kwargs) -> None:
    forget_statistics({instance.date.year} if instance.date else None)


def _participation_changed(sender, instance: SessionParticipation, **kwargs) -> None:
    session = Session.objects.filter(pk=instance.session_id).values_list("date", flat=True).first()
    forget_statistics({session.year} if session else None)


def _anything_changed(sender, **kwargs) -> None:
    forget_statistics()


def connect() -> None:
    """Called by the app's ready(): the receivers that keep the cache honest."""
    pre_save.connect(_session_moving, sender=Session, dispatch_uid="stats-session-moving")
    for signal in (post_save, post_delete):
        signal.connect(_session_changed, sender=Session, dispatch_uid="stats-session")
        signal.connect(
            _participation_changed, sender=SessionParticipation, dispatch_uid="stats-participation"
        )
        for model in (Facilitation, FacilitationRequest, Structure):
            signal.connect(_anything_changed, sender=model, dispatch_uid=f"stats-{model.__name__}")
    m2m_changed.connect(
        _anything_changed, sender=Session.help_given.through, dispatch_uid="stats-helps"
    )
    m2m_changed.connect(
        _anything_changed, sender=FacilitationRequest.needs.through, dispatch_uid="stats-needs"
    )
    m2m_changed.connect(
        _anything_changed, sender=Structure.epcis.through, dispatch_uid="stats-epcis"
    )
