"""Demo coordination protocols: every status, two shared, one waiting for
the team's validation (one agreement, one réserve, one answer awaited),
idempotent."""

import pytest
from django.core.management import call_command

from gecolib.models import SentNotification
from protocols.coordination.enums import Answer, ProtocolStatus, RoundStatus
from protocols.coordination.models import Protocol, ValidationRound, aci_count
from structures.models import Structure
from tests.structures.factories import restore_aci_rules

pytestmark = pytest.mark.django_db


def test_demo_protocols():
    restore_aci_rules()
    call_command("demo_data")
    assert set(Protocol.objects.values_list("status", flat=True)) == set(ProtocolStatus.values)
    assert Protocol.objects.filter(shared=True).count() == 2
    assert Protocol.objects.filter(shared=True, show_structure=False).count() == 1
    themes = " ".join(Protocol.objects.values_list("title", flat=True))
    assert "chutes" in themes and "anticoagulants" in themes and "plaies" in themes
    msp = Structure.objects.get(name="MSP des Rives de Rance")
    aci = aci_count(msp).estimate
    assert (aci.points, aci.amount_label) == (200, "1\u00a0400\u00a0€")
    assert all(p.steps.count() >= 2 and p.revisions.exists() for p in Protocol.objects.all())
    [asked] = ValidationRound.objects.filter(status=RoundStatus.OPEN)
    assert asked.protocol.status == ProtocolStatus.DESIGN
    assert sorted(a.answer for a in asked.answers.all()) == ["", Answer.AGREE, Answer.RESERVE]
    assert asked.answers.get(answer=Answer.RESERVE).comment
    assert not SentNotification.objects.filter(key__startswith="protocol-validation").exists()
    count = Protocol.objects.count()
    call_command("demo_data")
    assert Protocol.objects.count() == count
    assert ValidationRound.objects.count() == 1


def test_demo_criteria_fit_each_protocol():
    """Each protocol names its own patients: no criteria copied from one
    protocol to another, and the words of its subject in them."""
    restore_aci_rules()
    call_command("demo_data")
    protocols = list(Protocol.objects.all())
    assert len({p.inclusion_criteria for p in protocols}) == len(protocols)
    subject = {
        "chutes": "chute",
        "(AVK)": "AVK",
        "plaies chroniques": "plaie",
        "pied diabétique": "diabétiques",
        "dénutrition": "poids",
        "hospitalisation": "hospitalisation",
        "palliatifs": "palliative",
    }
    for protocol in protocols:
        [word] = [word for key, word in subject.items() if key in protocol.title]
        assert word in protocol.inclusion_criteria, protocol.title
