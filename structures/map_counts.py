"""The directory map's counts of structures by department, kept in the cache
for the directory's two most visited views: unfiltered, as a visitor (the
recognised structures) and as staff (every structure).

Counting every structure of the network by department on each visit reads
the whole table; the counts change only when a structure is created, edited
(stage, head office, EPCIs) or deleted, which forgets them. They are kept ten
minutes in any case, for the reference lists (communes, EPCIs) edited in the
admin. Filtered views, and members who also see their own structures, are
counted on each visit.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Structure

TIMEOUT = 10 * 60
AUDIENCES = ("public", "staff")


def _key(audience: str) -> str:
    return f"structures:map-counts:{audience}"


def audience_of(user) -> str | None:
    """Whose unfiltered view the counts are kept for: visitors and staff see
    the same structures as everyone of their kind; others see theirs too."""
    if not user.is_authenticated:
        return "public"
    if user.is_staff:
        return "staff"
    return None


def department_counts(structures, codes: list[str], audience: str | None) -> dict[str, int]:
    """`structures.count_by_department(codes)`, from the cache for an audience."""
    if audience is None:
        return structures.count_by_department(codes)
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
