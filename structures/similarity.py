"""Structures whose names look alike, so staff do not create a duplicate.

« Équipe de santé de Plérin » and « ESP de Plérin » are the same team written
twice: once the words that only say the kind of structure (ESP, équipe de
santé, maison de santé…), the small words, the accents and the case are set
aside, both read « plerin ». Names are then compared with difflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from gecolib.text import fold

# Words that say the kind of structure, not which one (folded, longest first).
KIND_PHRASES = sorted(
    [
        "communaute professionnelle territoriale de sante",
        "maison de sante pluriprofessionnelle",
        "maison de sante pluri professionnelle",
        "maison pluriprofessionnelle de sante",
        "maison de sante",
        "pole de sante",
        "centre de sante",
        "equipe de soins primaires",
        "equipe de sante",
        "equipe pluriprofessionnelle",
        "equipe de soins",
        "esp clap",
        "esp",
        "msp",
        "cpts",
        "clap",
        "cds",
        "sisa",
    ],
    key=len,
    reverse=True,
)
SMALL_WORDS = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "sur", "a", "au", "aux"}
)
LOOKALIKE_THRESHOLD = 0.8
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def normalised_name(name: str) -> str:
    """The distinctive part of a structure's name: « ESP de Plérin » and
    « Équipe de santé de Plérin » both give « plerin »."""
    text = " " + " ".join(_SEPARATORS.split(fold(name))) + " "
    for phrase in KIND_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    return " ".join(word for word in text.split() if word not in SMALL_WORDS)


def name_similarity(first: str, second: str) -> float:
    """From 0 (nothing in common) to 1 (the same distinctive name). A name
    whose words are all in the other one (« Plérin » / « Plérin Centre »)
    counts as close."""
    a, b = normalised_name(first), normalised_name(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b).ratio()
    words_a, words_b = set(a.split()), set(b.split())
    if words_a <= words_b or words_b <= words_a:
        ratio = max(ratio, 0.85)
    return ratio


def rank_by_similarity(name: str, structures: Iterable) -> list[tuple[object, float]]:
    """(structure, similarity) pairs, the closest names first, then by name."""
    scored = [(structure, name_similarity(name, structure.name)) for structure in structures]
    return sorted(scored, key=lambda pair: (-pair[1], fold(pair[0].name)))
