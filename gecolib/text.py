"""French typography for names put into sentences, and French sort order.

Messages put a preposition or an article before a name typed by users:
« la demande de {nom} », « le rôle de {nom} ». French elides the vowel of
`de`, `le`, `la`, `que` before a word that starts with a vowel or a mute h:
« d'Anne Guillou », « d'Équipe de santé de Plérin », never « de Équipe ».
The names of coordinated structures often start with their kind, a common
noun that takes its article: « de l'ESP de Plérin », « de la MSP du Trégor ».

Lists shown to people (professions, territories, structures) are sorted the
French way: accents and case do not count, so « Épithésiste » sits among the
E, not after Z as a byte-wise or database sort puts it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")

# Words elided before a vowel or a mute h.
ELIDABLE = frozenset({"de", "le", "la", "que", "je", "me", "te", "se", "ne", "jusque", "lorsque"})

# Words starting with an aspirated h: no elision (« le hameau », « de Hollande »).
ASPIRATED_H = frozenset(
    {
        "hache",
        "haie",
        "halle",
        "hameau",
        "hanche",
        "handicap",
        "hangar",
        "hasard",
        "haut",
        "haute",
        "hauts",
        "hautes",
        "hollande",
        "hongrie",
        "honte",
        "hors",
        "huit",
    }
)

# Kinds of structures that open a structure's name and take an article:
# « ESP de Plérin » → « l'ESP de Plérin ». Longest first.
KIND_ARTICLES = (
    ("ESP CLAP", "l'"),
    ("ESP", "l'"),
    ("MSP", "la "),
    ("CPTS", "la "),
)

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_WORD = re.compile(r"[\w’'-]+")


def starts_with_vowel_sound(word: str) -> bool:
    """True when French elides before `word`: a vowel (accented or not, any
    case, « y » included) or a mute h (« Hervé », « hôpital »), but not an
    aspirated h (« hameau ») nor a digit or a sign."""
    word = (word or "").lstrip(' «"(')
    if not word:
        return False
    first = fold(word[0])
    if first in "aeiouy" or word[0] in "œŒæÆ":
        return True
    if first == "h":
        match = _WORD.match(word)
        head = fold(match.group(0)) if match else ""
        return len(word) > 1 and fold(word[1]) in "aeiouy" and head not in ASPIRATED_H
    return False


def elide(word: str, following: str) -> str:
    """`word` then `following`, elided when French wants it:
    elide("de", "Anne") → "d'Anne", elide("le", "ESP") → "l'ESP",
    elide("de", "Paul") → "de Paul"."""
    following = str(following or "")
    if word.lower() in ELIDABLE and starts_with_vowel_sound(following):
        return f"{word[:-1]}'{following}"
    return f"{word} {following}"


def with_article(name: str) -> str:
    """A structure's name with the article its kind takes when it opens the
    name: « ESP de Plérin » → « l'ESP de Plérin », « MSP du Trégor » → « la
    MSP du Trégor ». Other names are returned unchanged (a proper name takes
    no article: « Équipe de santé de Plérin »)."""
    name = str(name or "")
    for kind, article in KIND_ARTICLES:
        if name == kind or name.startswith(kind + " "):
            return article + name
    return name


def de(name: str) -> str:
    """« de » before a name, as a sentence writes it: de("Anne Guillou") →
    « d'Anne Guillou », de("ESP de Plérin") → « de l'ESP de Plérin »,
    de("Équipe de santé de Plérin") → « d'Équipe de santé de Plérin »."""
    return elide("de", with_article(name))


def le(name: str) -> str:
    """« le » before a word, elided before a vowel: le("ESP") → « l'ESP »."""
    return elide("le", name)


def la(name: str) -> str:
    """« la » before a word, elided before a vowel: la("Équipe") → « l'Équipe »."""
    return elide("la", name)


def fold(text: str) -> str:
    """`text` without accents nor case, ligatures spelt out: the key French
    dictionaries sort by (« Épithésiste » → « epithesiste », « œil » →
    « oeil »)."""
    text = str(text or "").translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def french_sort_key(text: str) -> tuple[str, str]:
    """Sort key for French: accents and case ignored first, then used to break
    ties (« cote » < « côte »), so the order is stable and total."""
    text = str(text or "")
    return (fold(text), text)


def sorted_french(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """`items` sorted the French way by `key(item)` (the text shown)."""
    return sorted(items, key=lambda item: french_sort_key(key(item)))


def euros(amount: Decimal | int) -> str:
    """An amount as French readers write it: « 25 € », « 12,50 € », « 2 925 € »
    (decimal comma, non-breaking spaces between thousands and before €)."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        text = f"{int(amount):,}"
    else:
        text = f"{amount:,.2f}".replace(".", "·")
    return text.replace(",", "\u00a0").replace("·", ",") + "\u00a0€"
