"""The demo year of activity loads, is idempotent and gives the demo
accounts something to do."""

from collections import Counter

import pytest

from facilitations import demo
from facilitations.enums import RequestStatus
from facilitations.models import (
    Facilitation,
    FacilitationRequest,
    FeedbackAnswer,
    FeedbackInvitation,
    FollowUpAction,
    Session,
)
from gecolib.demo import load_users

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent():
    users = load_users()
    demo.load(users)
    counts = (
        Facilitation.objects.count(),
        Session.objects.count(),
        FollowUpAction.objects.count(),
        FacilitationRequest.objects.count(),
    )
    assert counts[0] == demo.TARGET_FACILITATIONS
    assert set(FacilitationRequest.objects.values_list("status", flat=True)) == set(
        RequestStatus.values
    )
    assert set(Facilitation.objects.values_list("status", flat=True)) == {
        "en_cours",
        "en_pause",
        "terminee",
        "abandonnee",
    }
    assert set(Session.objects.values_list("phase", flat=True)) == {
        "definition",
        "mesure",
        "analyse",
        "suivi",
        "amelioration",
    }
    departments = set(
        Facilitation.objects.values_list("structure__epcis__department__code", flat=True)
    )
    assert departments == {"22", "29", "35", "56"}
    assert FollowUpAction.objects.overdue().exists()
    for email in ("facilitateur@demo.gecolib.fr", "charge.mission@demo.gecolib.fr"):
        mine = Facilitation.objects.currently_assigned_to(users[email]).open()
        assert mine.count() >= 5
    professional = users["professionnel@demo.gecolib.fr"]
    accepted = FacilitationRequest.objects.get(
        requester=professional, status=RequestStatus.ACCEPTED
    )
    assert accepted.facilitation.sessions.exclude(shared_summary="").exists()
    assert Facilitation.objects.visible_to(professional).filter(pk=accepted.facilitation.pk)
    # A year of answers to the questionnaire of the closed facilitations, some
    # of them with enough answers for the binôme to see the results.
    answers = FeedbackAnswer.objects.count()
    assert answers >= 20
    assert FeedbackInvitation.objects.filter(answered=False).exists()
    per_facilitation = Counter(FeedbackAnswer.objects.values_list("facilitation_id", flat=True))
    assert max(per_facilitation.values()) >= 3

    demo.load(users)
    assert counts == (
        Facilitation.objects.count(),
        Session.objects.count(),
        FollowUpAction.objects.count(),
        FacilitationRequest.objects.count(),
    )
    assert FeedbackAnswer.objects.count() == answers
