"""Pages of long, sorted lists read in two steps.

A list page joins its rows to their structure, request, people and counts;
sorting those wide rows for page 40 joins and sorts every row of the list,
and computes the per-row counts for every row before the page. Read in two
steps instead, the sort reads only the main table's narrow rows (the filters
and sort keys, no joins for display, no per-row subqueries) and returns the
page's ids; the full rows are then fetched for those ids only.
"""

from __future__ import annotations

from django.core.paginator import Paginator


class IdsFirstPaginator(Paginator):
    """A `Paginator` over a sorted queryset that fetches a page's ids first
    (one narrow query), then the rows of those ids with everything the list
    shows (its select_related, annotations and prefetches), in the same
    order. One query more than a plain page; its cost no longer grows with
    how deep the page is."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
