"""Permission matrix: every role of the cast against every URL of the
facilitations app (requests, triage, facilitation log, statistics).

`req` is the professional's request; `facilitation` is run by the binôme
(facilitator and chargé de mission) for `structure`, whose member is the
assignee of `follow_up`."""

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations.models import Facilitation, FeedbackInvitation, FeedbackQuestionnaire
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import CharterAcceptance
from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    SessionFactory,
)
from tests.factories import AssignmentFactory, FacilitationFactory, UserFactory, accept_charter
from tests.matrix import expect, get, matrix_test, post, version_cases

pytestmark = pytest.mark.django_db

BINOME = {"facilitator": 200, "project_officer": 200, "staff": 200}
TEAM_FORBIDDEN = {"member": 403, "coordinator": 403}
FACILITATORS = {**BINOME, "outside_facilitator": 200}
STAFF_GET = expect(403, staff=200)
STAFF_POST = expect(403, staff=302)
STAFF_WRONG_METHOD = expect(403, staff=405)
WRONG_METHOD = expect(405)

CASES = [
    get("facilitations:workspace", expect(403, **FACILITATORS)),
    get("facilitations:request_create", expect(200)),
    get("facilitations:request_list", expect(200)),
    get("facilitations:request_detail", expect(404, professional=200, staff=200), pk="req"),
    post(
        "facilitations:request_message",
        expect(404, professional=302, staff=302),
        pk="req",
        data=lambda c: {"body": "Bonjour", TOKEN_FIELD: new_token()},
    ),
    get("facilitations:request_message", WRONG_METHOD, pk="req"),
    get("facilitations:triage", STAFF_GET),
    # The requester sees the request but may not decide on it (403).
    post("facilitations:request_review", expect(404, professional=403, staff=302), pk="req"),
    get("facilitations:request_review", WRONG_METHOD, pk="req"),
    get("facilitations:request_accept", expect(404, professional=403, staff=200), pk="req"),
    get("facilitations:request_redirect", expect(404, professional=403, staff=200), pk="req"),
    get("facilitations:request_decline", expect(404, professional=403, staff=200), pk="req"),
    get(
        "facilitations:detail",
        expect(404, member=200, coordinator=200, **BINOME),
        pk="facilitation",
    ),
    get(
        "facilitations:binome",
        expect(404, facilitator=403, project_officer=403, staff=200, **TEAM_FORBIDDEN),
        pk="facilitation",
    ),
    post(
        "facilitations:status",
        expect(404, facilitator=302, project_officer=302, staff=302, **TEAM_FORBIDDEN),
        pk="facilitation",
        data={"action": "pause"},
    ),
    get("facilitations:status", WRONG_METHOD, pk="facilitation"),
    get("facilitations:close", expect(404, **BINOME, **TEAM_FORBIDDEN), pk="facilitation"),
    get("facilitations:session_create", expect(404, **BINOME, **TEAM_FORBIDDEN), pk="facilitation"),
    get("facilitations:session_edit", expect(404, **BINOME, **TEAM_FORBIDDEN), pk="session"),
    get(
        "facilitations:followup_create", expect(404, **BINOME, **TEAM_FORBIDDEN), pk="facilitation"
    ),
    post(
        "facilitations:followup_toggle",
        # the member is the follow-up's assignee
        expect(404, member=302, coordinator=403, facilitator=302, project_officer=302, staff=302),
        pk="follow_up",
    ),
    get("facilitations:followup_toggle", WRONG_METHOD, pk="follow_up"),
    # Activity statistics and their exports: staff only, read only.
    get("facilitations:stats", STAFF_GET),
    post("facilitations:stats", WRONG_METHOD),
    get("facilitations:stats_export", STAFF_GET, data={"format": "csv"}),
    get("facilitations:sessions_export", STAFF_GET, data={"format": "csv"}),
    # The questionnaire of a closed facilitation, by its signed link: whoever
    # holds the link answers, signed in or not; forged: 404.
    get(
        "facilitations:feedback_answer",
        expect(200, anonymous=200),
        kwargs=lambda ctx: {"token": ctx["invitation"].token},
    ),
    post(
        "facilitations:feedback_answer",
        expect(302, anonymous=302),
        kwargs=lambda ctx: {"token": ctx["invitation"].token},
        data={"satisfaction": "4", "listening": "oui", "neutrality": "oui", "recommend": "8"},
    ),
    get(
        "facilitations:feedback_answer",
        expect(404, anonymous=404),
        kwargs={"token": "lien-contrefait"},
        label="facilitations:feedback_answer-forged",
    ),
    # Its aggregated results: the binôme (current or past) and staff; the team
    # and the requester see the facilitation, not the answers.
    get(
        "facilitations:feedback_results",
        expect(404, professional=403, **BINOME, **TEAM_FORBIDDEN),
        pk="closed",
    ),
    # Its wording, versioned, and the statistics with their exports: staff only.
    get("facilitations:questionnaire", STAFF_GET),
    post(
        "facilitations:questionnaire",
        STAFF_POST,
        data=lambda ctx: {**questionnaire_data(), "satisfaction_question": "Satisfait ?"},
    ),
    *version_cases(
        "facilitations:questionnaire",
        read=STAFF_GET,
        restore=STAFF_POST,
        restore_get=STAFF_WRONG_METHOD,
    ),
    get("facilitations:feedback_stats", STAFF_GET),
    post("facilitations:feedback_stats", WRONG_METHOD),
    get("facilitations:feedback_export", STAFF_GET, data={"format": "csv"}),
]


def questionnaire_data() -> dict:
    questionnaire = FeedbackQuestionnaire.current()
    return {name: value for name, value in questionnaire.revision_content().items()}


def closed_facilitation(world) -> Facilitation:
    """A facilitation of `structure` asked for by `professional`, run by the
    binôme, closed: its questionnaire was sent to the professional."""
    closed = FacilitationFactory(
        structure=world["structure"],
        request=FacilitationRequestFactory(requester=world["professional"], status="acceptee"),
        status="terminee",
        outcome="projet_valide",
        closed_at=timezone.now(),
    )
    AssignmentFactory(facilitation=closed, user=world["facilitator"])
    AssignmentFactory(facilitation=closed, user=world["project_officer"])
    return closed


def module_context(world):
    facilitation = world["facilitation"]
    closed = closed_facilitation(world)
    # A second version of the questionnaire, to compare and restore.
    questionnaire = FeedbackQuestionnaire.current()
    questionnaire.helps_question = "Quelles aides ont compté ?"
    questionnaire.save()
    questionnaire.save_revision(by=world["staff"], comment="Reformulation")
    return {
        "req": FacilitationRequestFactory(requester=world["professional"]),
        "facilitation": facilitation,
        "session": SessionFactory(facilitation=facilitation),
        "follow_up": FollowUpFactory(facilitation=facilitation, assignee=world["member"]),
        "closed": closed,
        "invitation": FeedbackInvitation.objects.create(
            facilitation=closed, user=world["professional"]
        ),
    }


test_permission_matrix = matrix_test(CASES)


def test_requester_follows_what_came_after(client, module_world):
    professional = module_world["professional"]
    facilitation = Facilitation.objects.get(pk=module_world["facilitation"].pk)
    req = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.request = req
    facilitation.save()
    client.force_login(professional)
    assert client.get(reverse("facilitations:detail", args=[facilitation.pk])).status_code == 200
    page = client.get(reverse("facilitations:request_detail", args=[req.pk])).content.decode()
    assert reverse("facilitations:detail", args=[facilitation.pk]) in page
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    assert client.get(url).status_code == 403


def test_facilitator_without_mfa_is_sent_to_activate_it(client, module_world):
    facilitation = module_world["facilitation"]
    newcomer = UserFactory(email="sans.totp@exemple.fr", facilitator=True)
    accept_charter(newcomer)
    client.force_login(newcomer)
    response = client.get(reverse("facilitations:detail", args=[facilitation.pk]))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_facilitator_without_charter_is_sent_to_the_charter(client, module_world):
    facilitation, facilitator = module_world["facilitation"], module_world["facilitator"]
    CharterAcceptance.objects.filter(user=facilitator).delete()
    client.force_login(facilitator)
    response = client.get(reverse("facilitations:detail", args=[facilitation.pk]))
    assert response["Location"] == reverse("charter_accept")
