"""The grids: the starter grid (GECO Lib's own, the HAS's four axes), staff's
edits kept as versions, a restoration putting the texts back."""

import pytest
from django.urls import reverse

from assessments.models import GridRevision
from tests.assessments.factories import dimensions, starter_grid
from tests.factories import tokened

pytestmark = pytest.mark.django_db

HAS_AXES = [
    "Travail en équipe pluriprofessionnelle",
    "Système d'information",
    "Projet de santé et accès aux soins",
    "Implication des patients",
]


def test_the_starter_grid_keeps_the_four_axes_and_says_what_is_not_has_text():
    grid = starter_grid()
    assert "inspirée de la matrice de maturité HAS" in grid.title
    assert [axis.name for axis in grid.ordered_axes()] == HAS_AXES
    assert [level.value for level in grid.ordered_levels()] == [1, 2, 3, 4]
    aligned = {d.name for d in dimensions(grid) if d.aligned}
    assert aligned == {"Réunion de concertation pluriprofessionnelle", "Partage de données"}
    assert grid.revisions.count() == 1
    assert "## Implication des patients" in grid.revisions.get().content["outline"]


def test_staff_edits_a_dimension_as_a_new_version_and_restores_the_old_one(client_for, staff):
    grid = starter_grid()
    dimension = dimensions(grid)[1]
    old_name = dimension.name
    response = client_for(staff).post(
        reverse("assessments:dimension_edit", args=[dimension.pk]),
        tokened(
            {
                "name": "Protocoles de l'équipe",
                "description": dimension.description,
                "characteristics": dimension.characteristics,
                "evidence_keys": ["protocols_in_application"],
                "aligned": "on",
                "has_reference": "",
                "comment": "Alignement sur la matrice",
            }
        ),
    )
    assert response.status_code == 302
    dimension.refresh_from_db()
    assert dimension.name == "Protocoles de l'équipe" and dimension.aligned
    assert dimension.evidence_keys == ["protocols_in_application"]
    latest = grid.revisions.order_by("-number").first()
    assert latest.number == 2 and latest.comment == "Alignement sur la matrice"
    compare = client_for(staff).get(
        reverse("assessments:grid_compare", args=[grid.pk]), {"a": 1, "b": 2}
    )
    assert "Protocoles" in compare.content.decode()
    response = client_for(staff).post(
        reverse("assessments:grid_restore", args=[grid.pk, 1]), tokened()
    )
    assert response.status_code == 302
    dimension.refresh_from_db()
    assert dimension.name == old_name
    assert GridRevision.objects.filter(grid=grid).count() == 3


def test_an_unknown_evidence_key_is_refused(client_for, staff):
    dimension = dimensions(starter_grid())[0]
    response = client_for(staff).post(
        reverse("assessments:dimension_edit", args=[dimension.pk]),
        tokened({"name": dimension.name, "evidence_keys": ["inconnu"]}),
    )
    assert response.status_code == 400
    assert "choix valide" in response.content.decode()
