"""Permission matrix: every role of the cast against every URL of the
self-assessments.

`structure`'s campaigns are read by whoever reads its private data (its
members, its binôme, staff); the others get 404. Opening, closing, the
consensus and the plan are for its coordinator, its current binôme and
staff (a plain member gets 403). Answering is for the members invited
(the binôme and staff, who are not members, get 403): nobody reads another
person's answers. The grids and the network's figures are staff's."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Action
from tests.assessments.factories import answer_all, close, dimensions, open_campaign, starter_grid
from tests.matrix import expect, get, matrix_test, post, version_cases

pytestmark = pytest.mark.django_db

OUTSIDERS = {"professional": 404, "other_member": 404, "outside_facilitator": 404}
READERS = ("member", "coordinator", "facilitator", "project_officer", "staff")
MANAGERS = ("coordinator", "facilitator", "project_officer", "staff")
PARTICIPANTS = ("member", "coordinator")


def readers(code) -> dict:
    return expect(404, **dict.fromkeys(READERS, code))


def managers(code) -> dict:
    return expect(403, **OUTSIDERS, **dict.fromkeys(MANAGERS, code))


def participants(code) -> dict:
    return expect(403, **OUTSIDERS, **dict.fromkeys(PARTICIPANTS, code))


STAFF_GET = expect(403, staff=200)
STAFF_POST = expect(403, staff=302)
STAFF_WRONG_METHOD = expect(403, staff=405)
WRONG_METHOD = expect(405)


def _campaign_data(ctx) -> dict:
    closes = timezone.localdate() + datetime.timedelta(days=10)
    return {"grid": ctx["grid"].pk, "title": "Autoévaluation d'automne", "closes_on": closes}


def _action_data(ctx) -> dict:
    return {
        "dimension": ctx["dimension"].pk,
        "title": "Écrire le protocole « chutes »",
        "owner": ctx["member"].pk,
        "due_date": timezone.localdate() + datetime.timedelta(days=30),
        "means": "Une demi-journée de travail",
    }


CASES = [
    get("assessments:structure_campaigns", readers(200), pk="structure"),
    post("assessments:structure_campaigns", WRONG_METHOD, pk="structure"),
    get("assessments:campaign_create", managers(200), pk="structure"),
    post("assessments:campaign_create", managers(302), pk="structure", data=_campaign_data),
    get("assessments:campaign", readers(200), pk="open"),
    get("assessments:campaign", readers(200), pk="closed", label="campaign-closed"),
    post("assessments:campaign", WRONG_METHOD, pk="open"),
    get("assessments:campaign_answer", participants(200), pk="open"),
    get(
        "assessments:campaign_answer",
        participants(200),
        pk="closed",
        label="campaign_answer-closed",
    ),
    post(
        "assessments:campaign_answer",
        participants(302),
        pk="open",
        data=lambda c: {"save": "1", f"level_{c['dimension'].pk}": str(c["level"].pk)},
    ),
    get("assessments:campaign_close", managers(200), pk="open"),
    post("assessments:campaign_close", managers(302), pk="open"),
    get("assessments:campaign_consensus", managers(200), pk="closed"),
    post(
        "assessments:campaign_consensus",
        managers(302),
        pk="closed",
        data=lambda c: {
            f"level_{c['dimension'].pk}": str(c["level"].pk),
            f"note_{c['dimension'].pk}": "Retenu en RCP.",
            "reunion-meeting_label": "RCP amélioration des pratiques",
        },
    ),
    get("assessments:campaign_pdf", readers(200), pk="closed"),
    post("assessments:campaign_pdf", WRONG_METHOD, pk="closed"),
    get("assessments:action_create", managers(200), pk="closed"),
    post("assessments:action_create", managers(302), pk="closed", data=_action_data),
    # The owner (member) and the managers mark an action done.
    get("assessments:action_done", readers(200), pk="action"),
    post("assessments:action_done", readers(302), pk="action", data={"comment": "Fait."}),
    # Staff: the network's figures and the grids.
    get("assessments:network", STAFF_GET),
    post("assessments:network", STAFF_WRONG_METHOD),
    get("assessments:grids", STAFF_GET),
    get("assessments:grid", STAFF_GET, pk="grid"),
    get("assessments:grid_edit", STAFF_GET, pk="grid"),
    post(
        "assessments:grid_edit",
        STAFF_POST,
        pk="grid",
        data={"title": "Grille GECO Lib'", "introduction": "Présentation.", "active": "on"},
    ),
    get("assessments:level_edit", STAFF_GET, pk="level"),
    post(
        "assessments:level_edit",
        STAFF_POST,
        pk="level",
        data={"label": "Premiers pas", "description": "Des initiatives isolées."},
    ),
    get("assessments:dimension_edit", STAFF_GET, pk="dimension"),
    post(
        "assessments:dimension_edit",
        STAFF_POST,
        pk="dimension",
        data={"name": "Réunion de concertation pluriprofessionnelle", "evidence_keys": "rcp_held"},
    ),
    *version_cases(
        "assessments:grid",
        read=STAFF_GET,
        restore=STAFF_POST,
        restore_get=STAFF_WRONG_METHOD,
        pk="grid",
    ),
]


def module_context(world):
    structure, member, coordinator = world["structure"], world["member"], world["coordinator"]
    grid = starter_grid()
    grid.introduction += " Relue par l'équipe du réseau."
    grid.save()
    grid.save_revision(by=world["staff"], comment="Relecture")
    first = dimensions(grid)[0]
    closed = open_campaign(structure, coordinator, title="Autoévaluation 2025")
    answer_all(closed, member, 2, comment="Réponse personnelle du membre")
    answer_all(closed, coordinator, 3)
    close(closed)
    action = Action.objects.create(
        campaign=closed,
        dimension=first,
        title="Relire les décisions en début de RCP",
        owner=member,
        due_date=timezone.localdate() + datetime.timedelta(days=20),
        created_by=coordinator,
    )
    return {
        "structure": structure,
        "member": member,
        "grid": grid,
        "level": grid.levels.get(value=2),
        "dimension": first,
        "open": open_campaign(structure, coordinator),
        "closed": closed,
        "action": action,
    }


test_permission_matrix = matrix_test(CASES)
