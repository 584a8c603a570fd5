"""Look-alike structure names (structures.similarity)."""

import pytest

from structures.similarity import LOOKALIKE_THRESHOLD, name_similarity, normalised_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ESP de Plérin", "plerin"),
        ("Équipe de santé de Plérin", "plerin"),
        ("Maison de santé pluriprofessionnelle du Val d'Arguenon", "val arguenon"),
        ("MSP Val-d'Arguenon", "val arguenon"),
        ("CPTS Rance Émeraude", "rance emeraude"),
        ("ESP CLAP des Mauges", "mauges"),
        ("Pôle de santé de l'Aulne", "aulne"),
    ],
)
def test_normalised_name_keeps_the_distinctive_part(name, expected):
    assert normalised_name(name) == expected


def is_lookalike(first: str, second: str) -> bool:
    return name_similarity(first, second) >= LOOKALIKE_THRESHOLD


def test_lookalikes():
    assert name_similarity("ESP de Plérin", "Équipe de santé de Plérin") == 1.0
    assert is_lookalike("MSP du Val d'Arguenon", "Maison de santé Val-d'Arguenon")
    assert is_lookalike("ESP Plérin", "ESP de Plérin Centre")  # words contained
    assert is_lookalike("ESP de Lamballe", "ESP de Lamballe-Armor")
    assert not is_lookalike("ESP de Plérin", "ESP de Paimpol")
    assert not is_lookalike("ESP de Lannion", "MSP de Lamballe")
    assert name_similarity("ESP", "MSP") == 0.0  # nothing distinctive
