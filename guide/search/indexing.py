"""Keeping the search index (`PageSearch`) current.

`index_page(page)` rewrites a page's row from its live fields and attachment
names; signals call it whenever a page or one of its attachments is saved or
removed (connected in `GuideConfig.ready`). `index_fields` is the pure part,
in `guide.search.documents`.
"""

from __future__ import annotations

from itertools import combinations

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..enums import Audience
from ..models import Attachment, Page, PageSearch
from .documents import (
    attachment_words,
    index_fields,
    rank_vector,
    search_vector,
    theme_labels,
    vocabulary_cache_key,
)


def forget_vocabularies() -> None:
    """Clear the cached "did you mean" vocabularies (guide.search.query)."""
    keys = [
        vocabulary_cache_key(group)
        for size in range(1, len(Audience.values) + 1)
        for group in combinations(Audience.values, size)
    ]
    cache.delete_many(keys)


def index_page(page: Page) -> None:
    # The files of the version online only: a draft's are found at its publication.
    names = list(page.attachments.published().values_list("original_name", flat=True))
    postgres = connection.vendor == "postgresql"
    fields = index_fields(
        title=page.title,
        summary=page.summary,
        body=page.body,
        themes=page.themes,
        attachment_names=names,
        terms=not postgres,
    )
    PageSearch.objects.update_or_create(page=page, defaults=fields)
    forget_vocabularies()
    if postgres:
        summary = f"{page.summary} {theme_labels(page.themes)}"
        PageSearch.objects.filter(page=page).update(
            vector=search_vector(
                page.title, summary, f"{fields['text']} {attachment_words(names)}"
            ),
            rank_vector=rank_vector(page.title, summary),
        )


@receiver(post_save, sender=Page, dispatch_uid="guide_search_index_page")
def _page_saved(sender, instance: Page, raw=False, **kwargs):
    if not raw:
        index_page(instance)


@receiver(post_save, sender=Attachment, dispatch_uid="guide_search_attachment_saved")
@receiver(post_delete, sender=Attachment, dispatch_uid="guide_search_attachment_deleted")
def _attachment_changed(sender, instance: Attachment, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        index_page(page)
