"""The directory map's counts, kept in the cache for visitors and staff when
no filter is active, follow every change of the structures."""

import pytest
from django.test import Client
from django.urls import reverse

from gecolib.models import EPCI
from structures.enums import Stage
from tests.structures.factories import StructureFactory

pytestmark = pytest.mark.django_db

LAMBALLE = "200069391"  # 22
BREST = "242900314"  # 29


def map_counts(client, **params) -> dict[str, int]:
    response = client.get(reverse("structures:directory"), params)
    return {region["code"]: region["count"] for region in response.context["regions"]}


@pytest.fixture
def armor(db):
    return StructureFactory(
        name="ESP Armor", recognised=True, epcis=[EPCI.objects.get(siren=LAMBALLE)]
    )


def test_counted_once_for_visitors(client, armor, django_assert_num_queries):
    assert map_counts(client)["22"] == 1
    # Filter choices (departments, EPCIs), the page and its EPCIs: the list's
    # total and the counts by department come from the cache.
    with django_assert_num_queries(4):
        assert map_counts(client)["22"] == 1


def test_a_new_recognised_structure_is_counted(client, armor):
    assert map_counts(client) == {"22": 1, "29": 0, "35": 0, "56": 0}
    StructureFactory(name="MSP Iroise", recognised=True, epcis=[EPCI.objects.get(siren=BREST)])
    assert map_counts(client) == {"22": 1, "29": 1, "35": 0, "56": 0}


def test_a_change_of_stage_or_of_epcis_is_counted(client, armor):
    assert map_counts(client)["22"] == 1
    armor.stage = Stage.ESP_WRITING
    armor.save()
    assert map_counts(client)["22"] == 0
    armor.stage = Stage.ESP_RECOGNISED
    armor.save()
    armor.epcis.set([EPCI.objects.get(siren=BREST)])
    assert map_counts(client) == {"22": 0, "29": 1, "35": 0, "56": 0}
    armor.delete()
    assert map_counts(client)["29"] == 0


def test_visitors_and_staff_have_their_own_counts(client, staff, armor):
    StructureFactory(name="ESP en projet", epcis=[EPCI.objects.get(siren=LAMBALLE)])
    staff_client = Client()
    staff_client.force_login(staff)
    assert map_counts(client)["22"] == 1
    assert map_counts(staff_client)["22"] == 2
    assert map_counts(client)["22"] == 1


def test_members_see_their_own_unrecognised_structures_counted(client_for, member, armor):
    # The member's ESP des Abers (tests/conftest.py) is not recognised.
    own = member.memberships.get().structure
    department = own.epcis.get().department.code
    public = map_counts(Client())
    counts = map_counts(client_for(member))
    assert counts[department] == public[department] + 1
    assert sum(counts.values()) == sum(public.values()) + 1


def test_filtered_maps_are_counted_each_time(client, armor):
    assert map_counts(client, kind="msp")["22"] == 0
    assert map_counts(client, kind="esp")["22"] == 1
    assert map_counts(client)["22"] == 1
