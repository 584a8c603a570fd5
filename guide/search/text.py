"""Text normalisation shared by the search index and the queries.

The same pipeline runs on a page when it is indexed and on what a reader types,
so both meet on the same terms: lower case, accents folded ("Équipe" and
"equipe" → "equipe"), French Snowball stemming ("protocoles" and "protocole" →
"protocol"), and French stop words left out.

French stemming needs the accents: "fragilité" and "fragiles" share the stem
`fragil` only when the word is stemmed as written ("fragilite" gives
`fragilit`). So a word is indexed under both stems, the one of the word as
written (accents folded afterwards) and the one of the folded word
(`word_terms`); a word typed without accents is also looked up under the
stems of its accented spellings ("fragilite" → "fragilité": `fragil`,
`query_word_terms`). Thus a word finds its inflections whether or not it is
typed, or written in the page, with its accents.

Both databases use these terms: SQLite stores them in normalised columns;
PostgreSQL in a weighted tsvector built here (`guide.search.documents`).
"""

from __future__ import annotations

import itertools
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
    """The stem of one word, folded ("fragilité" → `fragil`)."""
    return fold(_stemmer.stemWord(word))


def lower_words(text: str) -> list[str]:
    """The words of a text in lower case, accents kept (ligatures opened)."""
    return WORD_RE.findall(text.lower().replace("œ", "oe").replace("æ", "ae"))


@lru_cache(maxsize=50_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one lower-case word: its stem as written and the
    stem of its folded spelling, when they differ. () for a stop word."""
    folded = fold(word)
    if folded in STOP_WORDS:
        return ()
    return tuple(dict.fromkeys((stem(word), stem(folded))))


# At most this many "e" of a word typed without accents are tried as "é"/"è".
MAX_ACCENT_GUESSES = 3


@lru_cache(maxsize=10_000)
def query_word_terms(word: str) -> tuple[str, ...]:
    """The terms a typed word is looked up under: its own (`word_terms`) and,
    when it is typed without any accent, those of its accented spellings
    near its end, where French suffixes are ("fragilite" → "fragilité")."""
    found = dict.fromkeys(word_terms(word))
    if not found or fold(word) != word:
        return tuple(found)
    spots = [i for i, c in enumerate(word) if c == "e" and i >= len(word) - 6]
    spots = spots[-MAX_ACCENT_GUESSES:]
    options = ["eé" if i == len(word) - 1 else "eéè" for i in spots]
    for choice in itertools.product(*options):
        letters = list(word)
        for i, letter in zip(spots, choice, strict=True):
            letters[i] = letter
        found[stem("".join(letters))] = None
    return tuple(found)


def terms(text: str) -> list[str]:
    """The search terms of a text, in order: each word's `word_terms`."""
    return [term for word in lower_words(text) for term in word_terms(word)]


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
