"""Permission matrix: every role of the cast against every URL of the
structures core (directory, pages, members, lifecycle, CARPEC)."""

import pytest
from django.urls import reverse

from structures.enums import MembershipRole, Stage, StructureKind
from structures.models import Structure
from tests.structures.factories import CarpecReviewFactory, CarpecSessionFactory, InvitationFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "professional",
    "member",
    "coordinator",
    "other_member",
    "facilitator",
    "project_officer",
    "staff",
]


def expect(**codes):
    """Expected status per role; missing roles default to `default`."""
    default = codes.pop("default")
    return {role: codes.get(role, default) for role in ROLES}


# Private management pages: outsiders 404, insiders who may not manage 403.
MANAGE_GET = expect(
    default=403, anonymous=302, professional=404, other_member=404, coordinator=200, staff=200
)
MANAGE_POST = expect(
    default=403, anonymous=302, professional=404, other_member=404, coordinator=302, staff=302
)
STAFF_GET = expect(default=403, anonymous=302, staff=200)
STAFF_POST = expect(default=403, anonymous=302, staff=302)

MATRIX = [
    # (name, method, url builder(ctx), data builder(ctx), expected)
    ("directory", "get", lambda c: reverse("structures:directory"), None, expect(default=200)),
    (
        "detail",
        "get",
        lambda c: reverse("structures:detail", args=[c["structure"].pk]),
        None,
        expect(default=200, anonymous=404, professional=404, other_member=404),
    ),
    (
        "detail_recognised",
        "get",
        lambda c: reverse("structures:detail", args=[c["recognised"].pk]),
        None,
        expect(default=200),
    ),
    (
        "edit",
        "get",
        lambda c: reverse("structures:edit", args=[c["structure"].pk]),
        None,
        expect(
            default=403,
            anonymous=302,
            professional=404,
            other_member=404,
            coordinator=200,
            staff=200,
        ),
    ),
    ("create", "get", lambda c: reverse("structures:create"), None, STAFF_GET),
    (
        "missions",
        "get",
        lambda c: reverse("structures:missions", args=[c["cpts"].pk]),
        None,
        MANAGE_GET,
    ),
    (
        "members",
        "get",
        lambda c: reverse("structures:members", args=[c["structure"].pk]),
        None,
        MANAGE_GET,
    ),
    (
        "invite",
        "post",
        lambda c: reverse("structures:invite", args=[c["structure"].pk]),
        lambda c: {"email": "nouveau@exemple.fr", "role": MembershipRole.MEMBER},
        MANAGE_POST,
    ),
    (
        "invite_get",
        "get",
        lambda c: reverse("structures:invite", args=[c["structure"].pk]),
        None,
        expect(default=405, anonymous=302),
    ),
    (
        "membership_role",
        "post",
        lambda c: reverse(
            "structures:membership_role", args=[c["structure"].pk, c["membership"].pk]
        ),
        lambda c: {f"m{c['membership'].pk}-role": MembershipRole.REFERENT},
        MANAGE_POST,
    ),
    (
        "membership_end",
        "post",
        lambda c: reverse(
            "structures:membership_end", args=[c["structure"].pk, c["membership"].pk]
        ),
        lambda c: {f"e{c['membership'].pk}-end_date": ""},
        MANAGE_POST,
    ),
    (
        "invitation_cancel",
        "post",
        lambda c: reverse(
            "structures:invitation_cancel", args=[c["structure"].pk, c["invitation"].pk]
        ),
        lambda c: {},
        MANAGE_POST,
    ),
    (
        "lifecycle",
        "get",
        lambda c: reverse("structures:lifecycle", args=[c["structure"].pk]),
        None,
        MANAGE_GET,
    ),
    (
        "carpec_schedule",
        "post",
        lambda c: reverse("structures:carpec_schedule", args=[c["structure"].pk]),
        lambda c: {"session": c["session"].pk, "kind": "validation"},
        expect(default=403, anonymous=302, professional=404, other_member=404, staff=302),
    ),
    ("carpec_calendar", "get", lambda c: reverse("structures:carpec_calendar"), None, STAFF_GET),
    (
        "carpec_session",
        "get",
        lambda c: reverse("structures:carpec_session", args=[c["session"].pk]),
        None,
        STAFF_GET,
    ),
    (
        "carpec_review_outcome",
        "post",
        lambda c: reverse("structures:carpec_review_outcome", args=[c["review"].pk]),
        lambda c: {f"r{c['review'].pk}-outcome": "favorable", f"r{c['review'].pk}-comment": ""},
        STAFF_POST,
    ),
]


@pytest.fixture
def ctx(cast, structure, facilitation, member, other_structure):
    cpts = Structure.objects.create(
        name="CPTS du test", kind=StructureKind.CPTS, stage=Stage.CPTS_WRITING
    )
    cpts.memberships.create(user=cast["coordinator"], role=MembershipRole.COORDINATOR)
    cpts.memberships.create(user=member)
    from facilitations.models import Assignment, Facilitation

    cpts_facilitation = Facilitation.objects.create(structure=cpts)
    Assignment.objects.create(
        facilitation=cpts_facilitation, user=cast["facilitator"], kind="pro_sante"
    )
    Assignment.objects.create(
        facilitation=cpts_facilitation, user=cast["project_officer"], kind="charge_mission"
    )
    recognised = Structure.objects.create(
        name="ESP reconnue", kind=StructureKind.ESP, stage=Stage.ESP_RECOGNISED
    )
    return {
        "structure": structure,
        "cpts": cpts,
        "recognised": recognised,
        "membership": member.memberships.get(structure=structure),
        "invitation": InvitationFactory(structure=structure),
        "session": CarpecSessionFactory(),
        "review": CarpecReviewFactory(structure=structure, session=CarpecSessionFactory(past=True)),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,url,data,expected", MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(client_for, cast, ctx, role, name, method, url, data, expected):
    client = client_for(cast[role])
    target = url(ctx)
    if method == "get":
        response = client.get(target)
    else:
        response = client.post(target, data(ctx) if data else {})
    assert response.status_code == expected[role], (name, role)
    if expected[role] == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
