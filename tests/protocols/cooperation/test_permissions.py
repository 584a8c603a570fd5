"""Permission matrix of the national cooperation protocols: every role of the
cast against every cooperation URL.

`structure` (the cast's ESP) has an active declaration: its members read it,
its coordinator edits it, its binôme (`facilitation`) and staff read it; the
others do not see it (404). The catalogue is read by everyone signed in and
kept by staff."""

import datetime

import pytest
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.cooperation.models.declarations import ParticipantRole
from tests.matrix import expect, get, matrix_test, post, version_cases
from tests.protocols.cooperation.factories import DeclarationFactory, national, physiotherapist

pytestmark = pytest.mark.django_db

OUTSIDERS = {"professional": 404, "other_member": 404, "outside_facilitator": 404}
READ = expect(200, **OUTSIDERS)
WRITE_GET = expect(403, coordinator=200, **OUTSIDERS)
WRITE_POST = expect(403, coordinator=302, **OUTSIDERS)
STAFF_GET = expect(403, staff=200)
SIGNED_IN = expect(200)
WRONG_METHOD = expect(405)


def _declaration(ctx):
    return {"pk": ctx["declaration"].pk}


CASES = [
    get("cooperation:index", SIGNED_IN),
    get("cooperation:catalogue", SIGNED_IN),
    get("cooperation:protocol", SIGNED_IN, pk="protocol"),
    get("cooperation:protocol_create", STAFF_GET),
    get("cooperation:protocol_edit", STAFF_GET, pk="protocol"),
    # Staff only: anyone else is refused before being told the method.
    *version_cases(
        "cooperation:protocol",
        read=STAFF_GET,
        restore=expect(403, staff=302),
        restore_get=expect(403, staff=405),
        pk="protocol",
    ),
    get("cooperation:structure", READ, pk="structure"),
    get("cooperation:export", READ, pk="structure", data={"format": "csv"}),
    get(
        "cooperation:export",
        READ,
        pk="structure",
        data={"format": "xlsx"},
        label="cooperation_export-xlsx",
    ),
    get("cooperation:declare", WRITE_GET, pk="structure"),
    post(
        "cooperation:declare",
        WRITE_POST,
        pk="structure",
        data=lambda c: {"protocol": national("cheville").pk, TOKEN_FIELD: new_token()},
    ),
    get("cooperation:declaration", READ, pk="declaration"),
    get("cooperation:declaration_edit", WRITE_GET, pk="declaration"),
    post(
        "cooperation:declaration_edit",
        WRITE_POST,
        pk="declaration",
        data={"declared_on": "2024-01-15", "ds_number": "87654321"},
    ),
    post(
        "cooperation:status",
        WRITE_POST,
        pk="declaration",
        data=lambda c: {
            "status-status": "suspendu",
            "status-date": timezone.localdate().isoformat(),
        },
    ),
    # The pages that confirm stopping and removing a participant (the dialogs
    # without JavaScript).
    get("cooperation:status", WRITE_GET, pk="declaration"),
    post(
        "cooperation:redeclare",
        expect(403, coordinator=302, staff=302, **OUTSIDERS),
        pk="declaration",
        data=lambda c: {
            "redeclaration-date": timezone.localdate().isoformat(),
            "redeclaration-ds_number": "",
        },
    ),
    get("cooperation:redeclare", WRONG_METHOD, pk="declaration"),
    get("cooperation:participant_add", WRITE_GET, pk="declaration"),
    post(
        "cooperation:participant_add",
        WRITE_POST,
        pk="declaration",
        data=lambda c: {
            "user": c["physiotherapist"].pk,
            "role": ParticipantRole.DELEGATE,
            "training_date": "2024-05-01",
            "training_hours": "12",
            TOKEN_FIELD: new_token(),
        },
    ),
    post(
        "cooperation:participant_remove",
        WRITE_POST,
        pk="declaration",
        kwargs=lambda c: {"participant_pk": c["participant"].pk},
    ),
    get(
        "cooperation:participant_remove",
        WRITE_GET,
        pk="declaration",
        kwargs=lambda c: {"participant_pk": c["participant"].pk},
    ),
    get("cooperation:activity", WRITE_GET, pk="declaration"),
    post(
        "cooperation:activity",
        WRITE_POST,
        pk="declaration",
        data={
            "month": "2025-05",
            "inclusions": "4",
            "reevaluations": "2",
            "revoyures": "0",
            "exclusions": "1",
        },
    ),
    # The year's grid: January of this year is always past or current.
    get("cooperation:activity_year", WRITE_GET, pk="declaration", data={"annee": "2025"}),
    post(
        "cooperation:activity_year",
        WRITE_POST,
        pk="declaration",
        data=lambda c: {
            TOKEN_FIELD: new_token(),
            "m01-shown": "",
            "m01-inclusions": "3",
            "m01-revoyures": "1",
        },
    ),
    get("cooperation:overview", STAFF_GET),
    get("cooperation:overview_export", STAFF_GET, data={"format": "csv"}),
    get(
        "cooperation:overview_export",
        STAFF_GET,
        data={"format": "xlsx"},
        label="cooperation_overview_export-xlsx",
    ),
]


def module_context(world):
    structure, staff = world["structure"], world["staff"]
    protocol = national("angine")
    protocol.max_age_months = 45 * 12
    protocol.save()
    protocol.save_revision(by=staff, comment="Avant l'arrêté du 17 août 2023")
    declaration = DeclarationFactory(structure=structure, declared_on=datetime.date(2024, 1, 15))
    participant = declaration.participants.create(
        user=physiotherapist(structure),
        role=ParticipantRole.DELEGATE,
        training_date=datetime.date(2023, 6, 1),
        training_hours=10,
    )
    declaration.new_declaration_needed = True
    declaration.team_changed_on = datetime.date(2024, 3, 1)
    declaration.save()
    return {
        "structure": structure,
        "protocol": protocol,
        "declaration": declaration,
        "participant": participant,
        "physiotherapist": physiotherapist(structure),
    }


test_permission_matrix = matrix_test(CASES)
