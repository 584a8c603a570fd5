"""Text normalisation shared by the search index and the queries.

The same pipeline runs on a page when it is indexed and on what a reader types,
so both meet on the same terms: lower case, accents folded ("Équipe" and
"equipe" → "equipe"), French Snowball stemming ("protocoles" and "protocole" →
"protocol"), and French stop words left out. Accents are folded *before*
stemming so that a word typed without its accents ("maturite") gets the same
stem as the accented one ("maturité").

PostgreSQL does the same with its `french_unaccent` text search configuration
(unaccent, then french_stem; see the migration 0002_search); SQLite stores the
terms this module produces in normalised columns.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# The most frequent French function words: they carry no meaning for a search
# (PostgreSQL's french configuration drops them too).
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur
    leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui
    sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y est sont
    ete etre avoir ont a
    """.split()
)

_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Œuvre à l'Équipe" → "oeuvre a l'equipe"."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text, in order (stop words kept)."""
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one folded word."""
    return _stemmer.stemWord(word)


def terms(text: str) -> list[str]:
    """The search terms of a text: folded, stemmed, without stop words."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def indexed(text: str) -> str:
    """A normalised column's value: the distinct terms between spaces, so that a
    term matches with `contains " term "` and never inside another word."""
    unique = dict.fromkeys(terms(text))
    return f" {' '.join(unique)} " if unique else ""


def folded_words(text: str) -> str:
    """A title for the autocomplete: folded words between spaces, so that a
    typed prefix matches the start of any word with `contains " prefix"`."""
    found = words(text)
    return f" {' '.join(found)} " if found else ""
