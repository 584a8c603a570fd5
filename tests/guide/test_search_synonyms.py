"""Synonyms, French inflections and plain-text excerpts of the guide's search.
Run on SQLite and on PostgreSQL (DATABASE_URL): both must find the same pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide.models import SearchSynonym
from guide.search import excerpt, search_pages
from guide.search.documents import plain_text
from guide.search.query import query_terms
from guide.search.synonyms import query_groups
from tests.guide.search_helpers import published

pytestmark = pytest.mark.django_db
VISITOR = AnonymousUser()


def titles(pages):
    return sorted(page.title for page in pages)


@pytest.fixture
def field_pages(staff):
    published("Le rôle du kinésithérapeute", "Rééducation après une entorse.", by=staff)
    published("Visite à domicile", "L'infirmière passe chaque matin.", by=staff)
    published("Le médecin généraliste", "Il coordonne le parcours.", by=staff)
    published("Notre ESP", "Une équipe de soins primaires autour du patient.", by=staff)
    published("Sigles", "Le MG et l'IDE se retrouvent en RCP.", by=staff)
    published("Patients fragiles", "Les personnes fragiles vivent seules.", by=staff)
    published("Repérer la fragilité", "La grille de repérage.", by=staff)
    published("Maturité de l'équipe", "La matrice.", by=staff)
    published("Équipes matures", "Des équipes qui ont grandi.", by=staff)


def test_the_starter_list_holds_the_fields_abbreviations():
    lines = " | ".join(SearchSynonym.objects.values_list("expressions", flat=True))
    for abbreviation in ("kiné", "IDE", "MG", "ESP", "MSP", "CPTS", "ETP", "RCP", "PPS", "SISA"):
        assert abbreviation in lines
    for abbreviation in ("ACI", "ARS", "CPAM"):
        assert abbreviation in lines


def test_an_abbreviation_finds_its_words_with_or_without_accents(field_pages):
    assert titles(search_pages(VISITOR, "kine")) == ["Le rôle du kinésithérapeute"]
    assert titles(search_pages(VISITOR, "kiné entorse")) == ["Le rôle du kinésithérapeute"]
    assert titles(search_pages(VISITOR, "IDE")) == ["Sigles", "Visite à domicile"]
    assert titles(search_pages(VISITOR, "MG")) == ["Le médecin généraliste", "Sigles"]


def test_the_words_find_their_abbreviation(field_pages):
    assert titles(search_pages(VISITOR, "medecin generaliste")) == [
        "Le médecin généraliste",
        "Sigles",
    ]
    assert titles(search_pages(VISITOR, "équipe de soins primaires")) == ["Notre ESP"]
    assert titles(search_pages(VISITOR, "ESP")) == ["Notre ESP"]


def test_a_query_is_read_as_groups_of_equivalent_expressions():
    (group,) = query_groups("Médecin Généraliste")
    assert len(group) == 2  # "MG" or "médecin généraliste"
    assert [len(g) for g in query_groups('"réunion de concertation" kiné')] == [1, 3]
    assert query_groups("de la") == []


def test_staff_edit_applies_at_the_next_query(field_pages, staff, client_for):
    assert titles(search_pages(VISITOR, "domicile")) == ["Visite à domicile"]
    assert titles(search_pages(VISITOR, "VAD")) == []
    client = client_for(staff)
    response = client.post(
        reverse("guide:synonym_create"),
        {"expressions": "VAD, visite à domicile", TOKEN_FIELD: new_token()},
    )
    assert response.status_code == 302
    assert titles(search_pages(VISITOR, "VAD")) == ["Visite à domicile"]

    line = SearchSynonym.objects.get(expressions="VAD, visite à domicile")
    assert line.revisions.count() == 1
    line.delete()
    assert titles(search_pages(VISITOR, "VAD")) == []


def test_bad_synonyms_are_refused_in_french_and_nothing_saved(staff, client_for):
    client = client_for(staff)
    before = SearchSynonym.objects.count()
    single = client.post(
        reverse("guide:synonym_create"), {"expressions": "kiné", TOKEN_FIELD: new_token()}
    )
    assert "Indiquez au moins deux expressions différentes" in single.content.decode()
    taken = client.post(
        reverse("guide:synonym_create"),
        {"expressions": "kine, masseur", TOKEN_FIELD: new_token()},
    )
    assert "figure déjà dans la ligne" in taken.content.decode()
    assert SearchSynonym.objects.count() == before


def test_editing_a_line_keeps_its_versions(staff, client_for):
    line = SearchSynonym.objects.get(expressions__startswith="MG,")
    client = client_for(staff)
    response = client.post(
        reverse("guide:synonym_edit", args=[line.pk]),
        {
            "expressions": "MG, médecin généraliste, médecin traitant",
            "comment": "médecin traitant",
            TOKEN_FIELD: new_token(),
        },
    )
    assert response.status_code == 302
    assert list(line.revisions.values_list("number", flat=True)) == [2, 1]
    versions = client.get(reverse("guide:synonym_versions", args=[line.pk]))
    assert versions.status_code == 200 and "médecin traitant" in versions.content.decode()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("fragilité", ["Patients fragiles", "Repérer la fragilité"]),
        ("fragilite", ["Patients fragiles", "Repérer la fragilité"]),
        ("fragiles", ["Patients fragiles", "Repérer la fragilité"]),
        ("maturité", ["Maturité de l'équipe", "Équipes matures"]),
        ("maturite", ["Maturité de l'équipe", "Équipes matures"]),
    ],
)
def test_a_word_finds_its_inflections_with_or_without_accents(field_pages, typed, found):
    assert titles(search_pages(VISITOR, typed)) == found


def test_excerpts_are_plain_text_and_highlight_synonyms():
    body = (
        "Qui fait quoi :\n\n| Profession | Rôle |\n| --- | --- |\n"
        "| Kinésithérapeute | rééducation |\n\n- premier point\n- second point\n"
    )
    text = plain_text(body)
    assert "|" not in text and "- premier" not in text
    assert "Kinésithérapeute · rééducation" in text
    html = str(excerpt(text, set(query_terms("kine"))))
    assert "<mark>Kinésithérapeute</mark>" in html and "|" not in html
    # A row indexed before, with the table's pipes, shows without them.
    assert "|" not in str(excerpt("Profession | Rôle\n- un point", set()))


def test_results_page_shows_plain_excerpts(client, staff):
    published("Qui fait quoi", "| Profession | Rôle |\n| --- | --- |\n| IDE | soins |", by=staff)
    html = client.get(reverse("guide:search"), {"q": "infirmier"}).content.decode()
    assert "Qui fait quoi" in html
    assert "<mark>IDE</mark> · soins" in html
