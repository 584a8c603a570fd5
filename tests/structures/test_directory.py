"""The directory: visibility, filters, sorting, map and a fixed query count."""

import pytest
from django.urls import reverse

from gecolib.models import EPCI, Commune, Department
from structures.enums import Stage, StructureKind
from structures.models import Structure
from tests.structures.factories import StructureFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [s.name for s in response.context["page"].object_list]


@pytest.fixture
def spread(db):
    """Recognised structures in three departments, one unrecognised."""
    lamballe = EPCI.objects.get(siren="200069391")  # 22
    brest = EPCI.objects.get(siren="242900314")  # 29
    rennes = EPCI.objects.get(siren="243500139")  # 35
    return {
        "msp": StructureFactory(
            name="MSP Armor",
            kind=StructureKind.MSP,
            stage=Stage.MSP_ACI,
            epcis=[lamballe],
            commune=Commune.objects.filter(epci=lamballe).first(),
        ),
        "cpts": StructureFactory(
            name="CPTS Iroise",
            kind=StructureKind.CPTS,
            stage=Stage.CPTS_VALIDATED,
            epcis=[brest],
            commune=Commune.objects.filter(epci=brest).order_by("-population").first(),
        ),
        "esp": StructureFactory(name="ESP Bretilienne", recognised=True, epcis=[rennes]),
        "draft": StructureFactory(name="ESP en projet", epcis=[rennes]),
    }


def test_visitors_see_recognised_structures_only(client, spread):
    response = client.get(reverse("structures:directory"))
    assert response.status_code == 200
    assert names(response) == ["CPTS Iroise", "ESP Bretilienne", "MSP Armor"]
    # Visitors are not offered unrecognised stages in the filter.
    assert "esp_4_redaction" not in response.content.decode()


def test_members_see_their_own_structure(client_for, cast, structure, spread):
    response = client_for(cast["member"]).get(reverse("structures:directory"))
    assert "ESP des Abers" in names(response)
    assert "ESP en projet" not in names(response)
    response = client_for(cast["staff"]).get(reverse("structures:directory"))
    assert {"ESP des Abers", "ESP en projet", "ESP de la Rance"} <= set(names(response))


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kind": "cpts"}, ["CPTS Iroise"]),
        ({"department": "22"}, ["MSP Armor"]),
        ({"department": "29"}, ["CPTS Iroise"]),
        ({"epci": "__rennes__"}, ["ESP Bretilienne"]),
        ({"stage": Stage.MSP_ACI}, ["MSP Armor"]),
        ({"q": "iroise"}, ["CPTS Iroise"]),
        ({"q": "brest"}, ["CPTS Iroise"]),  # seat commune
        ({"sort": "-name"}, ["MSP Armor", "ESP Bretilienne", "CPTS Iroise"]),
        ({"sort": "kind"}, ["CPTS Iroise", "ESP Bretilienne", "MSP Armor"]),
        ({"sort": "created_at"}, ["CPTS Iroise", "ESP Bretilienne", "MSP Armor"]),  # ignored
    ],
)
def test_filters_and_sorting(client, spread, params, expected):
    if params.get("epci") == "__rennes__":
        params = {"epci": EPCI.objects.get(siren="243500139").pk}
    response = client.get(reverse("structures:directory"), params)
    assert names(response) == expected


def test_map_is_decorative_and_the_departments_are_a_list_of_links(client, spread):
    response = client.get(reverse("structures:directory"))
    regions = {r["code"]: r["count"] for r in response.context["regions"]}
    assert regions == {"22": 1, "29": 1, "35": 1, "56": 0}
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-hidden="true"' in svg and "<a " not in svg and 'role="img"' not in svg
    assert '<a href="?department=29" >Finistère (29)</a>&nbsp;: 1 structure' in html
    assert "aria-current" not in html.split("<main", 1)[1].split("</svg>", 1)[1]


def test_map_follows_the_active_filters(client, spread):
    response = client.get(reverse("structures:directory"), {"kind": "cpts", "department": "29"})
    regions = {r["code"]: r for r in response.context["regions"]}
    assert {code: r["count"] for code, r in regions.items()} == {
        "22": 0,
        "29": 1,
        "35": 0,
        "56": 0,
    }
    html = response.content.decode()
    # Each department's link keeps the type chosen; the current one is marked.
    assert '<a href="?kind=cpts&amp;department=29" aria-current="page">Finistère (29)</a>' in html
    assert '<a href="?kind=cpts&amp;department=22" >' in html
    assert '<a href="?kind=cpts">Voir tous les départements</a>' in html


def test_pagination_and_sort_links_keep_filters(client):
    lamballe = EPCI.objects.get(siren="200069391")
    Structure.objects.bulk_create(
        Structure(name=f"ESP {i:02d}", kind=StructureKind.ESP, stage=Stage.ESP_RECOGNISED)
        for i in range(25)
    )
    for s in Structure.objects.all():
        s.epcis.add(lamballe)
    response = client.get(reverse("structures:directory"), {"kind": "esp", "page": 2})
    assert names(response) == [f"ESP {i:02d}" for i in range(20, 25)]
    html = response.content.decode()
    assert "Page 2 sur 2" in html
    assert "kind=esp&amp;sort=name" in html


def _bulk(n: int) -> None:
    lamballe = EPCI.objects.get(siren="200069391")
    commune = Commune.objects.filter(epci=lamballe).first()
    structures = Structure.objects.bulk_create(
        Structure(
            name=f"Structure {i:04d}",
            kind=StructureKind.MSP,
            stage=Stage.MSP_RECOGNISED,
            commune=commune,
        )
        for i in range(n)
    )
    Through = Structure.epcis.through
    Through.objects.bulk_create(Through(structure=s, epci=lamballe) for s in structures)


@pytest.mark.parametrize("size", [10, 500])
def test_directory_query_count_is_fixed(client, django_assert_num_queries, size):
    _bulk(size)
    # Expected queries: departments and EPCIs of the filter form, the list's
    # total with the map's per-department counts (one aggregate), the page of
    # structures (with commune and department), the page's EPCIs.
    with django_assert_num_queries(5):
        response = client.get(reverse("structures:directory"), {"kind": "msp"})
    assert response.context["page"].paginator.count == size
    assert len(response.content.decode().split("Structure 0")) > 10


@pytest.mark.parametrize("size", [10, 500])
def test_directory_query_count_is_fixed_for_a_member(
    client_for, member, facilitator, django_assert_num_queries, size
):
    _bulk(size)
    client = client_for(member)
    # The session and the user, then the filter's choices (2), the counts of
    # the recognised structures (kept in the cache afterwards) and of the
    # member's own unrecognised ones (the list's total is their sum), the
    # page and its EPCIs (the member's own structures are a subquery of each,
    # not an extra query).
    with django_assert_num_queries(8):
        response = client.get(reverse("structures:directory"), {"sort": "commune"})
    assert response.context["page"].paginator.count == size + 1
    client = client_for(facilitator)
    # Same for a facilitator, their facilitations being a subquery too, plus
    # the access gate's check of their second factor, minus the recognised
    # structures' counts, now in the cache.
    with django_assert_num_queries(8):
        client.get(reverse("structures:directory"))


def test_filters_fold_behind_a_button_on_phones_and_stay_open_when_active(client, spread):
    html = client.get(reverse("structures:directory")).content.decode()
    assert 'aria-controls="filtres-pli" aria-expanded="false"' in html.replace(
        'aria-expanded="false" aria-controls="filtres-pli"',
        'aria-controls="filtres-pli" aria-expanded="false"',
    )
    assert 'class="collapse d-md-block" id="filtres-pli"' in html
    html = client.get(reverse("structures:directory"), {"kind": "cpts"}).content.decode()
    assert 'class="collapse d-md-block show" id="filtres-pli"' in html
    assert "1 actif" in html
    # On phones each structure is a card: every cell names its column.
    assert 'class="table align-middle table-cards"' in html
    assert 'data-label="Type"' in html


def test_default_filters_are_not_counted_as_active(client_for, facilitation, cast):
    client = client_for(cast["facilitator"])
    html = client.get(reverse("facilitations:workspace")).content.decode()
    assert "actif" not in html.split("<main", 1)[1].split("</form>", 1)[0]
    department = Department.objects.get(code="22").pk
    html = client.get(reverse("facilitations:workspace"), {"department": department})
    assert "1 actif" in html.content.decode()
