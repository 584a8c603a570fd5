"""Demo structures: the accounts' teams, spread, stages, idempotency."""

import pytest
from django.core.management import call_command

from structures.enums import MembershipRole, Stage, StructureKind
from structures.models import CarpecReview, CptsMission, StageChange, Structure

pytestmark = pytest.mark.django_db


def test_demo_structures():
    call_command("demo_data")
    esp = Structure.objects.get(name="ESP de Lamballe-Penthièvre")
    assert esp.kind == StructureKind.ESP
    assert esp.stage == Stage.ESP_WRITING
    assert list(esp.epcis.values_list("siren", flat=True)) == ["200069391"]
    members = dict(esp.memberships.current().values_list("user__email", "role"))
    assert members["professionnel@demo.gecolib.fr"] == MembershipRole.COORDINATOR
    assert {
        "infirmiere@demo.gecolib.fr",
        "kine@demo.gecolib.fr",
        "pharmacienne@demo.gecolib.fr",
    } <= set(members)
    msp = Structure.objects.get(memberships__user__email="medecin2@demo.gecolib.fr")
    assert msp.kind == StructureKind.MSP
    assert set(msp.memberships.values_list("user__email", flat=True)) >= {
        "orthophoniste@demo.gecolib.fr",
        "sagefemme@demo.gecolib.fr",
        "podologue@demo.gecolib.fr",
        "dieteticienne@demo.gecolib.fr",
    }
    assert Structure.objects.count() >= 30
    departments = Structure.objects.count_by_department(["22", "29", "35", "56"])
    assert all(count >= 5 for count in departments.values()), departments
    assert len(set(Structure.objects.values_list("stage", flat=True))) >= 10
    assert StageChange.objects.filter(structure=esp).count() == 4
    assert CarpecReview.objects.exclude(outcome="a_venir").exists()
    assert CarpecReview.objects.filter(outcome="a_venir").exists()
    assert CptsMission.objects.exists()
    for structure in Structure.objects.all():
        structure.full_clean()
