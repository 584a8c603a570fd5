"""The search index of guide pages: one row per page, kept current by signals
(`guide.search.indexing`).

On PostgreSQL, `vector` holds every term of the page (title, summary, themes,
body, attachment names; `guide.search.text`: stemmed, accents folded), without
positions, indexed by GIN: what a query is matched with. `rank_vector` holds
the title (weight A) and the summary and themes (B) with positions: what the
results are ranked with. On SQLite the `*_terms` columns hold the same terms
between spaces. Both databases share `title_words` for the
autocomplete, `themes` for the theme filter and `text` for the excerpts.

`SearchSynonym` holds the expressions staff declare equivalent for the search
(abbreviations and spellings of the field), with their versions.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import FieldRevisionsMixin, Revision

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
    rank_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("index de recherche")
        verbose_name_plural = _("index de recherche")

    def __str__(self) -> str:
        return str(self.page_id)


SYNONYM_REVISION_FIELDS = [
    ("expressions", _("Expressions équivalentes")),
    ("note", _("Note")),
]


class SearchSynonym(FieldRevisionsMixin, models.Model):
    """Expressions the search treats as one: an abbreviation and its words
    ("IDE, infirmier, infirmière"), two spellings ("kiné, kinésithérapeute").
    A query holding one of them also looks for the others (guide.search.synonyms)."""

    revision_fields = SYNONYM_REVISION_FIELDS

    expressions = models.TextField(
        _("expressions équivalentes"),
        help_text=_(
            "Séparées par des virgules, par exemple : « MG, médecin généraliste ». "
            "Chercher l'une trouve aussi les pages qui emploient les autres."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["expressions"]
        verbose_name = _("synonymes de recherche")
        verbose_name_plural = _("synonymes de recherche")

    def __str__(self) -> str:
        return self.expressions

    def expression_list(self) -> list[str]:
        return split_expressions(self.expressions)


def split_expressions(text: str) -> list[str]:
    """The expressions of a synonyms line: separated by commas (or new lines),
    trimmed, each once."""
    found = (" ".join(part.split()) for part in re.split(r"[,;\n]", text or ""))
    return list(dict.fromkeys(part for part in found if part))


class SearchSynonymRevision(Revision):
    """One dated state of a synonyms line: who changed what, when."""

    synonym = models.ForeignKey(SearchSynonym, on_delete=models.CASCADE, related_name="revisions")

    class Meta:
        ordering = ["synonym", "-number"]
        verbose_name = _("version de synonymes de recherche")
        verbose_name_plural = _("versions des synonymes de recherche")
        constraints = [
            models.UniqueConstraint(
                fields=["synonym", "number"],
                name="guide_search_synonym_revision_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            )
        ]
