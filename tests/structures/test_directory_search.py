"""The directory's search: accents and case ignored on the structures' and
their seat communes' names, read from trigram indexes on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gecolib.folded_search import matching
from gecolib.models import Commune
from structures.enums import Stage, StructureKind
from structures.models import Structure
from tests.structures.factories import StructureFactory

pytestmark = pytest.mark.django_db


def names(client, **params) -> list[str]:
    response = client.get(reverse("structures:directory"), params)
    return sorted(s.name for s in response.context["page"].object_list)


@pytest.fixture
def plerin(db):
    commune = Commune.objects.get(name="Plérin")
    return {
        "by_name": StructureFactory(name="ESP de Plérin", recognised=True),
        "by_commune": StructureFactory(
            name="MSP du Légué", kind=StructureKind.MSP, stage=Stage.MSP_ACI, commune=commune
        ),
        "elsewhere": StructureFactory(name="MSP Iroise", recognised=True),
    }


@pytest.mark.parametrize("search", ["plerin", "Plérin", "PLERIN", " plÉrin ", "PLÉRIN"])
def test_accents_and_case_are_ignored_on_names_and_communes(client, plerin, search):
    assert names(client, q=search) == ["ESP de Plérin", "MSP du Légué"]


def test_a_ligature_or_an_accent_in_the_name_matches_its_plain_spelling(client, db):
    StructureFactory(name="Équipe Cœur d'Armor", recognised=True)
    assert names(client, q="coeur") == ["Équipe Cœur d'Armor"]
    assert names(client, q="equipe") == ["Équipe Cœur d'Armor"]
    assert names(client, q="légué") == []


def test_search_keeps_the_other_filters_and_the_counts_agree(client, plerin):
    response = client.get(reverse("structures:directory"), {"q": "plerin", "kind": "msp"})
    assert [s.name for s in response.context["page"].object_list] == ["MSP du Légué"]
    assert response.context["page"].paginator.count == 1
    counts = {region["code"]: region["count"] for region in response.context["regions"]}
    assert counts["22"] == 1  # Plérin is in the Côtes-d'Armor


def test_search_with_a_department_counts_the_list_from_the_map(client, plerin):
    response = client.get(reverse("structures:directory"), {"q": "plerin", "department": "22"})
    page = response.context["page"]
    assert page.paginator.count == len(page.object_list) == 2
    response = client.get(reverse("structures:directory"), {"q": "plerin", "department": "29"})
    assert response.context["page"].paginator.count == 0


def test_visitors_do_not_find_unrecognised_structures(client, plerin):
    StructureFactory(name="ESP Plérin Nord", kind=StructureKind.ESP, stage=Stage.ESP_TEAM)
    assert names(client, q="plerin") == ["ESP de Plérin", "MSP du Légué"]


def test_wildcards_are_searched_as_text(client, plerin):
    StructureFactory(name="MSP 100% Armor", recognised=True)
    assert names(client, q="100%") == ["MSP 100% Armor"]
    assert names(client, q="_") == []


def test_matching_folds_the_column_the_same_way_as_the_search(db):
    StructureFactory(name="Maison de santé de Plœmeur", recognised=True)
    found = matching(Structure.objects.all(), "name", "PLOEMEUR")
    assert [s.name for s in found] == ["Maison de santé de Plœmeur"]


def _bulk(n: int, commune: Commune) -> None:
    Structure.objects.bulk_create(
        Structure(
            name=f"Structure {i:05d}",
            kind=StructureKind.MSP,
            stage=Stage.MSP_ACI,
            commune=commune,
        )
        for i in range(n)
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plans de PostgreSQL")
def test_search_reads_indexes_not_every_structure(client, plerin):
    """At a size where an OR across the join to the communes reads the whole
    table, every query of the search reads indexes of the structures."""
    _bulk(5000, Commune.objects.get(name="Brest"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE structures_structure, gecolib_commune")

    def plan(sql: str, params=None) -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    # The former search, for reference: the planner scans the table.
    former = Structure.objects.filter(name__icontains="plerin") | Structure.objects.filter(
        commune__name__icontains="plerin"
    )
    former_sql, former_params = former.order_by("name")[:20].query.sql_with_params()
    assert "Seq Scan on structures_structure" in plan(former_sql, former_params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("structures:directory"), {"q": "plérin"})
    assert response.context["page"].paginator.count == 2
    searched = [q["sql"] for q in queries.captured_queries if "gecolib_fold" in q["sql"]]
    # The list's total with the map's counts, then the page: both searched.
    assert len(searched) == 2
    for sql in searched:
        assert "Seq Scan on structures_structure" not in plan(sql), plan(sql)
        assert "structures_structure_name_fold_trgm" in plan(sql)
