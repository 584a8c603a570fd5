"""The directory map's counts of structures by department, when no filter is
active: two sets kept in the cache, the recognised structures (what visitors
see) and every structure (what staff see).

Counting every structure of the network by department on each visit reads
the whole table; the counts change only when a structure is created, edited
(stage, head office, EPCIs) or deleted, which forgets them. They are kept ten
minutes in any case, for the reference lists (communes, EPCIs) edited in the
admin. A member or facilitator sees the recognised structures plus their own
unrecognised ones: those few are counted on each visit and added. Filtered
views are counted on each visit.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .enums import RECOGNISED_STAGES
from .models import Structure

TIMEOUT = 10 * 60
AUDIENCES = ("public", "staff")


def _key(audience: str) -> str:
    return f"structures:map-counts:{audience}"


def department_counts(user, codes: list[str]) -> dict[str, int]:
    """How many of the structures `user` sees in the directory, unfiltered,
    each department holds."""
    if user.is_authenticated and user.is_staff:
        return _kept("staff", Structure.objects.all(), codes)
    counts = _kept("public", Structure.objects.recognised(), codes)
    if not user.is_authenticated:
        return counts
    own = (
        Structure.objects.private_to(user)
        .exclude(stage__in=RECOGNISED_STAGES)
        .count_by_department(codes)
    )
    return {code: counts[code] + own[code] for code in codes}


def _kept(audience: str, structures, codes: list[str]) -> dict[str, int]:
    key = _key(audience)
    counts = cache.get(key)
    if counts is None or set(counts) != set(codes):
        counts = structures.count_by_department(codes)
        cache.set(key, counts, TIMEOUT)
    return counts


def forget_map_counts(**kwargs) -> None:
    cache.delete_many([_key(audience) for audience in AUDIENCES])


def connect() -> None:
    """Called by the app's ready(): the receivers that keep the counts honest."""
    for signal in (post_save, post_delete):
        signal.connect(forget_map_counts, sender=Structure, dispatch_uid="map-counts-structure")
    m2m_changed.connect(
        forget_map_counts, sender=Structure.epcis.through, dispatch_uid="map-counts-epcis"
    )
