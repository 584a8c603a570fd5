"""Pages of long, sorted lists read in two steps.

A list page joins its rows to their structure, request, people and counts;
sorting those wide rows for page 40 joins and sorts every row of the list,
and computes the per-row counts for every row before the page. Read in two
steps instead, the sort reads only the main table's narrow rows (the filters
and sort keys, no joins for display, no per-row subqueries) and returns the
page's ids; the full rows are then fetched for those ids only.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


class IdsFirstPaginator(Paginator):
    """A `Paginator` over a sorted queryset that fetches a page's ids first
    (one narrow query), then the rows of those ids with everything the list
    shows (its select_related, annotations and prefetches), in the same
    order. One query more than a plain page; its cost no longer grows with
    how deep the page is."""

    def _get_page(self, object_list, number, paginator):
        # `object_list` is the page's slice of the sorted queryset: read its ids only.
        ids = list(object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return super()._get_page([rows[pk] for pk in ids if pk in rows], number, paginator)


PER_PAGE = 20
"""Rows per page of a list, unless the list says otherwise."""


TOTAL = "_rows_in_list"
"""The annotation that carries the list's total on each row of a counted page."""
LAST_PAGE_READ_DIRECTLY = 100_000


def counted_page(paginator: Paginator, number) -> Page | None:
    """Page `number` of a sorted queryset and the list's total read together,
    in one query (`COUNT(*) OVER ()`): where sorting reads every matching row
    anyway (a ranked search), the count costs nothing more than the page,
    instead of a second pass over the same rows. None when that page holds
    no row (an empty list, a number past the end): the caller falls back on
    a count and the usual page."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= LAST_PAGE_READ_DIRECTLY:
        # Below 1 or absurdly far (an OFFSET the database refuses): the
        # paginator's own rules, the last page.
        return None
    bottom = (number - 1) * paginator.per_page
    rows = list(
        paginator.object_list.annotate(**{TOTAL: Window(Count("pk"))})[
            bottom : bottom + paginator.per_page
        ]
    )
    if not rows:
        return None
    paginator.count = getattr(rows[0], TOTAL)
    return Page(rows, number, paginator)


def paginate(
    request,
    object_list,
    *,
    per_page: int = PER_PAGE,
    ids_first: bool = False,
    count: int | None = None,
    count_with_page: bool = False,
):
    """The page of `object_list` asked for by `?page=` (the first page for a
    missing or wrong number, the last one past the end). `ids_first` reads a
    sorted queryset's page in two steps (`IdsFirstPaginator`); `count`, when
    known already (a total kept in the cache), spares the count query;
    `count_with_page` reads the total with the page's rows (`counted_page`)."""
    paginator_class = IdsFirstPaginator if ids_first else Paginator
    paginator = paginator_class(object_list, per_page)
    if count is not None:
        paginator.count = count
    elif count_with_page:
        page = counted_page(paginator, request.GET.get("page"))
        if page is not None:
            return page
    return paginator.get_page(request.GET.get("page"))
