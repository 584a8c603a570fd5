"""Permission matrix: every role of the cast against every URL of the
protocols app.

# -- coordination protocols ---------------------------------------------------------
`structure` (in writing, not in the public directory) has `protocol` in
design with two revisions, `validated` (validated, not shared) and `shared`
(shared with the network). Its members, its binôme and staff read them;
coordinators and référents edit (staff and facilitators only read); the
others get 404 — except in the network library, open to every signed-in
user. `protocol` waits for the answers of `member` and `coordinator` to a
request for validation: only they reach their answer page (404 for anyone
else, staff and the structure's facilitators included)."""

import datetime

import pytest
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.coordination.enums import ProtocolTheme
from protocols.coordination.models import ValidationRound
from tests.matrix import expect, get, matrix_test, post, version_cases
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    ProtocolFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db

OUTSIDERS = {"professional": 404, "other_member": 404, "outside_facilitator": 404}
READERS = ("member", "coordinator", "facilitator", "project_officer", "staff")


def readers(code: int) -> dict:
    return expect(404, **dict.fromkeys(READERS, code))


EDIT_GET = expect(403, coordinator=200, **OUTSIDERS)
EDIT_POST = expect(403, coordinator=302, **OUTSIDERS)
WRONG_METHOD = expect(405)


def _structure(ctx):
    return {"structure_pk": ctx["structure"].pk}


def _protocol_data(ctx) -> dict:
    return {
        "title": "Suivi des plaies chroniques",
        "theme": ProtocolTheme.WOUNDS,
        "problem": "Des plaies qui ne cicatrisent pas.",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-who": "Infirmier",
        "steps-0-what": "Mesurer la plaie",
        "steps-0-ORDER": "1",
        TOKEN_FIELD: new_token(),
    }


def _edit_data(ctx) -> dict:
    step = ctx["protocol"].steps.first()
    return {
        "title": "Prévention des chutes, version 2",
        "theme": ProtocolTheme.FALLS,
        "problem": "Des chutes répétées.",
        "base_revision": "2",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(step.pk),
        "steps-0-who": "Kinésithérapeute",
        "steps-0-what": "Bilan de l'équilibre",
        "steps-0-ORDER": "1",
    }


def _validate_data(ctx) -> dict:
    return {
        "date": timezone.localdate().isoformat(),
        "agreed_by": [ctx["coordinator"].pk],
    }


# Only the members asked in the request, still members of the structure.
ANSWER_GET = expect(404, member=200, coordinator=200)
ANSWER_POST = expect(404, member=302, coordinator=302)


def _pk(key):
    return lambda ctx: {"pk": ctx[key].pk}


CASES = [
    get("protocols:index", expect(200)),
    get("protocols:protocol_list", readers(200), kwargs=_structure),
    get("protocols:protocol_create", EDIT_GET, kwargs=_structure),
    post("protocols:protocol_create", EDIT_POST, kwargs=_structure, data=_protocol_data),
    get("protocols:protocol_detail", readers(200), pk="protocol"),
    get("protocols:protocol_edit", EDIT_GET, pk="protocol"),
    post("protocols:protocol_edit", EDIT_POST, pk="protocol", data=_edit_data),
    get("protocols:protocol_validate", EDIT_GET, pk="protocol"),
    post("protocols:protocol_validate", EDIT_POST, pk="protocol", data=_validate_data),
    get("protocols:protocol_request_validation", EDIT_GET, pk="protocol"),
    post(
        "protocols:protocol_request_validation",
        EDIT_POST,
        pk="protocol",
        data=lambda c: {
            "demande-members": [c["member"].pk, c["coordinator"].pk],
            f"demande-{TOKEN_FIELD}": new_token(),
        },
    ),
    get("protocols:protocol_answer", ANSWER_GET, pk="round"),
    post(
        "protocols:protocol_answer",
        ANSWER_POST,
        pk="round",
        data={"answer": "reserve", "comment": "Ajouter l'étape du pharmacien."},
    ),
    post(
        "protocols:protocol_transition",
        EDIT_POST,
        kwargs=lambda c: {"pk": c["validated"].pk, "action": "start"},
    ),
    get(
        "protocols:protocol_transition",
        WRONG_METHOD,
        kwargs=lambda c: {"pk": c["validated"].pk, "action": "start"},
    ),
    # The page that confirms archiving (the dialog without JavaScript).
    get(
        "protocols:protocol_transition",
        EDIT_GET,
        kwargs=lambda c: {"pk": c["validated"].pk, "action": "archive"},
        label="protocol_transition-archive",
    ),
    post("protocols:protocol_share", EDIT_POST, pk="validated", data={"show_structure": "on"}),
    post("protocols:protocol_unshare", EDIT_POST, pk="shared"),
    get("protocols:protocol_share", WRONG_METHOD, pk="validated"),
    get("protocols:protocol_unshare", WRONG_METHOD, pk="shared"),
    get("protocols:protocol_indicators", EDIT_GET, pk="protocol"),
    post(
        "protocols:protocol_indicators",
        EDIT_POST,
        pk="protocol",
        data={
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Taux d'inclusion",
            "indicators-0-ORDER": "1",
            TOKEN_FIELD: new_token(),
        },
    ),
    post(
        "protocols:protocol_indicator_value",
        EDIT_POST,
        kwargs=lambda c: {"pk": c["protocol"].pk, "indicator_pk": c["indicator"].pk},
        data=lambda c: {
            f"v{c['indicator'].pk}-date": "2026-01-15",
            f"v{c['indicator'].pk}-value": "12",
        },
    ),
    get(
        "protocols:protocol_indicator_value",
        WRONG_METHOD,
        kwargs=lambda c: {"pk": c["protocol"].pk, "indicator_pk": c["indicator"].pk},
    ),
    get(
        "protocols:protocol_indicator_values",
        EDIT_GET,
        kwargs=lambda c: {"pk": c["protocol"].pk, "indicator_pk": c["indicator"].pk},
    ),
    post(
        "protocols:protocol_indicator_values",
        EDIT_POST,
        kwargs=lambda c: {"pk": c["protocol"].pk, "indicator_pk": c["indicator"].pk},
        data=lambda c: {
            "values-TOTAL_FORMS": "1",
            "values-INITIAL_FORMS": "1",
            "values-0-id": str(c["value"].pk),
            "values-0-date": "2025-06-01",
            "values-0-value": "14",
        },
    ),
    get("protocols:protocol_meetings", EDIT_GET, pk="protocol"),
    post(
        "protocols:protocol_meetings",
        EDIT_POST,
        pk="protocol",
        data={
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "0",
            "meetings-0-date": "2026-01-15",
            "meetings-0-duration_minutes": "120",
            TOKEN_FIELD: new_token(),
        },
    ),
    *version_cases(
        "protocols:protocol",
        read=readers(200),
        restore=EDIT_POST,
        restore_get=WRONG_METHOD,
        pk="protocol",
    ),
    get("protocols:protocol_pdf", readers(200), pk="protocol"),
    post("protocols:protocol_pdf", WRONG_METHOD, pk="protocol"),
    # The fiche de poche alone carries the team's phones: the team only, even
    # for a protocol shared with the network.
    get("protocols:protocol_pocket_pdf", readers(200), pk="protocol"),
    get(
        "protocols:protocol_pocket_pdf",
        readers(200),
        pk="shared",
        label="protocols:protocol_pocket_pdf-shared",
    ),
    post("protocols:protocol_pocket_pdf", WRONG_METHOD, pk="protocol"),
    get("protocols:library", expect(200)),
    get("protocols:library_detail", expect(200), pk="shared"),
    get(
        "protocols:library_detail",
        expect(404, anonymous="account_login"),
        pk="validated",
        label="protocols:library_detail-not-shared",
    ),
    post(
        "protocols:library_detail",
        expect(403, coordinator=302),
        pk="shared",
        data=lambda c: {"structure": c["structure"].pk, TOKEN_FIELD: new_token()},
    ),
    get("protocols:overview", expect(403, staff=200)),
]


def module_context(world):
    structure, coordinator = world["structure"], world["coordinator"]
    protocol = protocol_with_steps(2, structure=structure)
    protocol.save_revision(by=coordinator, comment="Création")
    step = protocol.steps.first()
    step.what = "Un autre texte"
    step.save()
    protocol.save_revision(by=coordinator)
    indicator = IndicatorFactory(protocol=protocol)
    value = IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 6, 1), value=12)
    validation_round = ValidationRound.open(
        protocol, by=coordinator, members=[world["member"], coordinator]
    )
    return {
        "structure": structure,
        "coordinator": coordinator,
        "member": world["member"],
        "round": validation_round,
        "protocol": protocol,
        "indicator": indicator,
        "value": value,
        "validated": protocol_with_steps(
            1,
            structure=structure,
            validated=True,
            validated_on=timezone.localdate() - datetime.timedelta(days=5),
        ),
        "shared": protocol_with_steps(1, structure=structure, shared_with_network=True),
    }


test_permission_matrix = matrix_test(CASES)


def test_a_named_author_edits_but_another_member_does_not(client_for, module_world):
    ctx, member = module_world["ctx"], module_world["member"]
    protocol = ProtocolFactory(structure=ctx["structure"])
    url = f"/protocoles/{protocol.pk}/modifier/"
    assert client_for(member).get(url).status_code == 403
    protocol.authors.add(member)
    assert client_for(member).get(url).status_code == 200


def test_a_referent_edits_and_creates(client_for, module_world):
    ctx, member = module_world["ctx"], module_world["member"]
    membership = member.memberships.get(structure=ctx["structure"])
    membership.role = "referent"
    membership.save()
    assert client_for(member).get(f"/protocoles/{ctx['protocol'].pk}/modifier/").status_code == 200
    url = f"/protocoles/structure/{ctx['structure'].pk}/nouveau/"
    assert client_for(member).get(url).status_code == 200
