"""The directory's count of structures and the map's counts by department,
when no filter is active: two sets kept in the cache, the recognised structures (what visitors
see) and every structure (what staff see).

Counting every structure of the network by department on each visit reads
the whole table; the counts change only when a structure is created, edited
(stage, head office, EPCIs) or deleted, which forgets them. They are kept ten
minutes in any case, for the reference lists (communes, EPCIs) edited in the
admin. A member or facilitator sees the recognised structures plus their own
unrecognised ones: those few are counted on each visit and added. Filtered
views are counted on each visit, the list's total and the map's counts in
one query (`count_with_departments`).
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


def directory_counts(user, codes: list[str]) -> tuple[int, dict[str, int]]:
    """How many structures `user` sees in the directory, unfiltered, and how
    many of them each department holds (a structure may be in several)."""
    if user.is_authenticated and user.is_staff:
        return _kept("staff", Structure.objects.all(), codes)
    total, counts = _kept("public", Structure.objects.recognised(), codes)
    if not user.is_authenticated:
        return total, counts
    own_total, own = (
        Structure.objects.private_to(user)
        .exclude(stage__in=RECOGNISED_STAGES)
        .count_with_departments(codes)
    )
    return total + own_total, {code: counts[code] + own[code] for code in codes}


def _kept(audience: str, structures, codes: list[str]) -> tuple[int, dict[str, int]]:
    key = _key(audience)
    kept = cache.get(key)
    if not isinstance(kept, tuple) or set(kept[1]) != set(codes):
        kept = structures.count_with_departments(codes)
        cache.set(key, kept, TIMEOUT)
    return kept


def forget_map_counts(**kwargs) -> None:
    cache.delete_many([_key(audience) for audience in AUDIENCES])


def connect() -> None:
    """Called by the app's ready(): the receivers that keep the counts honest."""
    for signal in (post_save, post_delete):
        signal.connect(forget_map_counts, sender=Structure, dispatch_uid="map-counts-structure")
    m2m_changed.connect(
        forget_map_counts, sender=Structure.epcis.through, dispatch_uid="map-counts-epcis"
    )
