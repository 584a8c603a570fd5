"""Demo structures: the accounts' teams, spread, stages, idempotency."""

import pytest
from django.core.management import call_command

from structures.demo import DEMO_SESSIONS, STRUCTURES
from structures.enums import (
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    CarpecOutcome,
    CarpecReviewKind,
    MembershipRole,
    Stage,
    StructureKind,
)
from structures.models import CarpecReview, CarpecSession, CptsMission, StageChange, Structure

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
    _total, departments = Structure.objects.count_with_departments(["22", "29", "35", "56"])
    assert all(count >= 5 for count in departments.values()), departments
    assert len(set(Structure.objects.values_list("stage", flat=True))) >= 10
    assert StageChange.objects.filter(structure=esp).count() == 4
    assert CarpecReview.objects.exclude(outcome="a_venir").exists()
    assert CarpecReview.objects.filter(outcome="a_venir").exists()
    assert CptsMission.objects.exists()
    for structure in Structure.objects.all():
        structure.full_clean()


def test_demo_history_agrees_with_the_carpec_calendar():
    """Each demo structure reached its stages in order, recognition on the day
    of the favourable CARPEC opinion, the ACI after it, funding before writing."""
    call_command("demo_data")
    for name, *_ in STRUCTURES:
        structure = Structure.objects.get(name=name)
        order = STAGES_BY_KIND[structure.kind]
        changes = sorted(structure.stage_changes.all(), key=lambda c: order.index(c.stage))
        dates = [c.date for c in changes]
        assert dates == sorted(dates), name
        stage_dates = {c.stage: c.date for c in changes}
        favourable = structure.carpec_reviews.filter(
            kind=CarpecReviewKind.VALIDATION, outcome=CarpecOutcome.FAVOURABLE
        ).first()
        if favourable is not None:
            recognised = next(s for s in order if s in stage_dates and structure_recognises(s))
            assert stage_dates[recognised] == favourable.session.date, name
        for review in structure.carpec_reviews.exclude(outcome=CarpecOutcome.PENDING):
            assert review.session.date >= dates[0], name
        funding = structure.carpec_reviews.filter(kind=CarpecReviewKind.FUNDING_WRITING).first()
        if funding is not None:
            assert stage_dates[Stage.ESP_FUNDING] < funding.session.date
            assert funding.session.date < stage_dates[Stage.ESP_WRITING], name
        if structure.aci_signed_on:
            assert structure.aci_signed_on > min(
                d for s, d in stage_dates.items() if structure_recognises(s)
            ), name


def structure_recognises(stage: str) -> bool:
    return stage in RECOGNISED_STAGES


def test_demo_sessions_have_a_submission_deadline():
    call_command("demo_data")
    for session in CarpecSession.objects.filter(date__in=DEMO_SESSIONS):
        assert session.submission_deadline is not None
        assert session.submission_deadline < session.date
