"""Accepting a request: look-alike structures of the territory offered first
and flagged; the facilitator picker shows department and workload."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations.models import Facilitation
from gecolib.models import EPCI
from structures.models import Structure
from tests.facilitations.factories import FacilitationRequestFactory
from tests.factories import AssignmentFactory, FacilitationFactory, StructureFactory, tokened

pytestmark = pytest.mark.django_db


@pytest.fixture
def plerin(professional):
    epci = EPCI.objects.get(siren="200069391")
    elsewhere = EPCI.objects.exclude(pk=epci.pk).first()
    for name, territory in [
        ("ESP de Plérin", epci),
        ("ESP de Paimpol", epci),
        ("Équipe de santé de Plérin", elsewhere),  # same name, another territory
        ("ESP d'Arradon", elsewhere),
    ]:
        StructureFactory(name=name).epcis.set([territory])
    return FacilitationRequestFactory(
        requester=professional, project_name="Équipe de santé de Plérin", epci=epci
    )


def _options(html: str) -> list[tuple[str, list[str]]]:
    select = re.search(r'<select name="structure".*?</select>', html, re.S).group(0)
    return [
        (label, re.findall(r"<option[^>]*>([^<]+)</option>", body))
        for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    ]


def test_lookalikes_of_the_territory_come_first_and_are_flagged(client_for, staff, plerin):
    html = client_for(staff).get(reverse("facilitations:request_accept", args=[plerin.pk]))
    html = html.content.decode()
    groups = _options(html)
    assert groups[0][0].startswith("Même territoire")
    assert groups[0][1] == ["ESP de Plérin — nom proche", "ESP de Paimpol"]
    assert groups[1] == ("Autres structures", ["Équipe de santé de Plérin", "ESP d&#x27;Arradon"])
    flag = html[html.index('id="lookalikes"') :]
    assert "Une structure au nom proche existe déjà sur ce territoire" in flag
    assert ">ESP de Plérin</a>" in flag[: flag.index("</div>")]


def test_creating_a_lookalike_needs_a_deliberate_choice(
    client_for, staff, facilitator, project_officer, plerin
):
    url = reverse("facilitations:request_accept", args=[plerin.pk])
    data = {
        "structure": "",
        "new_structure_kind": "esp",
        "new_structure_name": "Équipe de santé de Plérin",
        "facilitator": facilitator.pk,
        "project_officer": project_officer.pk,
    }
    client = client_for(staff)
    response = client.post(url, tokened(data))
    assert response.status_code == 200
    assert "Une structure au nom proche existe déjà sur ce territoire : « ESP de Plérin »" in (
        response.content.decode()
    )
    assert not Facilitation.objects.exists()
    assert Structure.objects.filter(name="Équipe de santé de Plérin").count() == 1
    # Staff checked it is another team: created.
    response = client.post(url, tokened({**data, "create_anyway": "on"}))
    facilitation = Facilitation.objects.get()
    assert response["Location"] == reverse("facilitations:detail", args=[facilitation.pk])
    assert Structure.objects.filter(name="Équipe de santé de Plérin").count() == 2


def test_choosing_the_existing_lookalike(client_for, staff, facilitator, project_officer, plerin):
    existing = Structure.objects.get(name="ESP de Plérin")
    response = client_for(staff).post(
        reverse("facilitations:request_accept", args=[plerin.pk]),
        tokened(
            {
                "structure": existing.pk,
                "new_structure_kind": "esp",
                "new_structure_name": "Équipe de santé de Plérin",
                "facilitator": facilitator.pk,
                "project_officer": project_officer.pk,
            }
        ),
    )
    assert response.status_code == 302
    assert Facilitation.objects.get().structure == existing


def test_the_picker_shows_department_and_open_facilitations(
    client_for, staff, facilitator, project_officer, plerin
):
    facilitator.epci = EPCI.objects.get(siren="200069391")
    facilitator.save()
    for _ in range(2):
        AssignmentFactory(facilitation=FacilitationFactory(), user=facilitator)
    closed = FacilitationFactory(status="terminee", closed_at=timezone.now())
    AssignmentFactory(facilitation=closed, user=facilitator)
    html = client_for(staff).get(reverse("facilitations:request_accept", args=[plerin.pk]))
    html = html.content.decode()
    department = facilitator.epci.department
    assert (
        f"{facilitator.display_name} — {department.name} ({department.code}) — "
        "2 facilitations en cours" in html.replace("&#x27;", "'")
    )
    assert (
        f"{project_officer.display_name} — département non renseigné — aucune facilitation en cours"
        in (html)
    )
