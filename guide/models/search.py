"""The search index of guide pages: one row per page, kept current by signals
(`guide.search.indexing`).

On PostgreSQL, `vector` holds a weighted tsvector (title A, summary and themes
B, body and attachment names C) built with the `french_unaccent` text search
configuration and indexed by GIN (migration 0002_search). On SQLite the
`*_terms` columns hold the normalised terms of `guide.search.text` (accents
folded, stemmed, between spaces). Both databases share `title_words` for the
autocomplete, `themes` for the theme filter and `text` for the excerpts.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import Page


class PageSearch(models.Model):
    page = models.OneToOneField(
        Page,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_index",
    )
    title_terms = models.TextField(_("termes du titre"), blank=True)
    summary_terms = models.TextField(_("termes du résumé et des thèmes"), blank=True)
    body_terms = models.TextField(_("termes du texte et des pièces jointes"), blank=True)
    title_words = models.TextField(_("mots du titre"), blank=True)
    themes = models.CharField(_("thèmes"), max_length=300, blank=True)
    text = models.TextField(_("texte brut"), blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("index de recherche")
        verbose_name_plural = _("index de recherche")

    def __str__(self) -> str:
        return str(self.page_id)
