"""Who follows a structure besides its members.

The hub knows nothing of the apps built on it: an app whose users follow
structures (the facilitators of a facilitation, for instance) registers a
source here from its `AppConfig.ready()`. A source maps a user to the ids of
the structures they follow (a `values("structure_id")` queryset, or None).
`StructureQuerySet.private_to` and `visible_to` read every source.

Following is reading. Who may also *write* in a structure's private data (a
new health-project version, for instance) is a narrower question — a
facilitator whose assignment ended keeps reading the structure they worked
with, but writes no more — so an app registers its writers separately
(`register_writer_source`, same shape); `structures.access.can_write` reads
them, after the current members and staff.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from gecolib.registry import AppRegistry

FollowerSource = Callable[[object], QuerySet | None]

_sources: AppRegistry[FollowerSource] = AppRegistry("structure followers")
register_follower_source = _sources.register

_writer_sources: AppRegistry[FollowerSource] = AppRegistry("structure writers")
register_writer_source = _writer_sources.register


def followed_structure_ids(user) -> list[QuerySet]:
    """The structure ids each registered source says `user` follows (its
    `values("structure_id")` querysets, unordered, ready to be united)."""
    found = (source(user) for source in _sources)
    return [structure_ids.order_by() for structure_ids in found if structure_ids is not None]


def followed_structures_q(user) -> Q:
    """A filter on structures: those some registered source says `user` follows."""
    q = Q(pk__in=[])
    for source in _sources:
        structure_ids = source(user)
        if structure_ids is not None:
            q |= Q(pk__in=structure_ids)
    return q


def written_structures_q(user) -> Q:
    """A filter on structures: those some registered writer source lets `user`
    write in (besides being a current member)."""
    q = Q(pk__in=[])
    for source in _writer_sources:
        structure_ids = source(user)
        if structure_ids is not None:
            q |= Q(pk__in=structure_ids)
    return q
