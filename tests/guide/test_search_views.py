"""The search page and the header box's suggestions, through HTTP."""

import pytest
from django.urls import reverse

from guide.search.synonyms import synonym_table
from tests.guide.search_helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(staff):
    published(
        "Le protocole pluriprofessionnel",
        "Un protocole coordonné décrit qui fait quoi. " * 3,
        by=staff,
        summary="Écrire un protocole en équipe.",
        themes=["protocoles"],
        kind="fiche",
    )
    published(
        "Missions du coordinateur",
        "Le coordinateur anime les protocoles de l'équipe.",
        by=staff,
        audience="adherents",
        kind="poste",
    )


def test_results_are_ranked_highlighted_and_filtered(client, pages):
    response = client.get(reverse("guide:search"), {"q": "protocoles coordonnes"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 page trouvée" in html
    assert "<mark>protocole</mark>" in html and "<mark>coordonné</mark>" in html
    assert "Missions du coordinateur" not in html  # members only

    filtered = client.get(reverse("guide:search"), {"q": "protocole", "theme": "rcp"})
    assert "Aucune page ne correspond" in filtered.content.decode()


def test_members_find_members_only_pages(client_for, member, pages):
    response = client_for(member).get(reverse("guide:search"), {"q": "missions"})
    assert "<mark>Missions</mark> du coordinateur" in response.content.decode()


def test_no_result_offers_a_correction(client, pages):
    html = client.get(reverse("guide:search"), {"q": "protocle"}).content.decode()
    assert "Aucune page ne correspond" in html
    assert "Vouliez-vous dire" in html and "?q=protocole" in html


def test_bad_filters_are_ignored_with_a_message(client, pages):
    response = client.get(reverse("guide:search"), {"q": "protocole", "kind": "roman"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_autocomplete_suggests_visible_titles(client, pages):
    html = client.get(reverse("guide:autocomplete"), {"q": "proto"}).content.decode()
    assert 'role="listbox"' in html and "Le protocole pluriprofessionnel" in html
    assert 'href="/guide/le-protocole-pluriprofessionnel/"' in html
    assert "1 page suggérée" in html
    nothing = client.get(reverse("guide:autocomplete"), {"q": "missions"}).content.decode()
    assert "Missions" not in nothing and "Aucun titre ne correspond" in nothing


def test_search_box_is_in_the_guide_header(client, pages):
    html = client.get(reverse("guide:index")).content.decode()
    assert 'role="combobox"' in html and reverse("guide:autocomplete") in html


@pytest.mark.parametrize("size", [5, 40])
def test_search_page_queries_do_not_grow_with_results(
    client, staff, size, django_assert_num_queries
):
    for n in range(size):
        published(f"Fiche {n} sur la vaccination", "La vaccination en équipe.", by=staff)
    synonym_table()  # cached: read once after each change of the synonyms
    # The page of results with their index rows and the total, in one query.
    with django_assert_num_queries(1):
        response = client.get(reverse("guide:search"), {"q": "vaccination"})
    assert response.status_code == 200
    assert f"{size} pages trouvées" in response.content.decode()


def test_a_results_page_past_the_end_shows_the_last_one(client, staff):
    for n in range(25):
        published(f"Fiche {n} sur la vaccination", "La vaccination en équipe.", by=staff)
    for number in ("9", "-3", "99999999999999999999999"):
        response = client.get(reverse("guide:search"), {"q": "vaccination", "page": number})
        assert response.context["page"].number == 2, number
        assert len(response.context["items"]) == 5
        assert response.context["page"].paginator.count == 25
    for number in ("", "deux", "1.5"):
        response = client.get(reverse("guide:search"), {"q": "vaccination", "page": number})
        assert response.context["page"].number == 1, number
        assert len(response.context["items"]) == 20


@pytest.mark.parametrize("size", [5, 40])
def test_autocomplete_is_one_query(client, staff, size, django_assert_num_queries):
    for n in range(size):
        published(f"Vaccination {n}", "Texte.", by=staff)
    with django_assert_num_queries(1):
        response = client.get(reverse("guide:autocomplete"), {"q": "vacc"})
    assert response.content.decode().count('role="option"') == min(size, 8)
