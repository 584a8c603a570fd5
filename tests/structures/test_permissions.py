"""Permission matrix: every role of the cast against every URL of the
structures app (directory, pages, members, lifecycle, CARPEC, health project).

`structure` is a structure in writing (not in the public directory): its
members, its binôme (`facilitation`) and staff see it; the others get 404."""

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from structures.enums import HealthProjectSection as Section
from structures.enums import HealthProjectStatus as Status
from structures.enums import MembershipRole, Stage, StructureKind
from structures.models import AciRule, HealthProject, Structure
from tests.factories import AssignmentFactory, FacilitationFactory, tokened
from tests.matrix import expect, get, matrix_test, post, version_cases
from tests.structures.factories import (
    CarpecReviewFactory,
    CarpecSessionFactory,
    InvitationFactory,
    restore_aci_rules,
)

pytestmark = pytest.mark.django_db

# Who does not see `structure` at all.
OUTSIDERS = {"professional": 404, "other_member": 404, "outside_facilitator": 404}
# Who reads its private data (health project included).
READERS = ("member", "coordinator", "facilitator", "project_officer", "staff")


def readers(code: int) -> dict:
    return expect(404, **dict.fromkeys(READERS, code))


# Private management pages: outsiders 404, insiders who may not manage 403.
MANAGE_GET = expect(403, coordinator=200, staff=200, **OUTSIDERS)
MANAGE_POST = expect(403, coordinator=302, staff=302, **OUTSIDERS)
STAFF_GET = expect(403, staff=200)
STAFF_POST = expect(403, staff=302)
# A wrong method is refused before any lookup, so it reveals nothing.
WRONG_METHOD = expect(405)
# Staff pages: the role is checked first.
STAFF_WRONG_METHOD = expect(403, staff=405)


def aci_rule_data(code: str, **overrides) -> dict:
    return {
        "code": code,
        "label": "Règle de test",
        "structure_kind": StructureKind.MSP,
        "points_per_unit": "100",
        "max_units": "8",
        "point_value": "7",
        "source": "Accord conventionnel interprofessionnel (ACI)",
        "rule_date": "20/04/2017",
        "comment": "",
        **overrides,
    }


def _token(ctx: dict) -> dict:
    return {"token": ctx["invitation_to_professional"].token}


CASES = [
    get("structures:directory", expect(200, anonymous=200)),
    get("structures:detail", expect(200, anonymous=404, **OUTSIDERS), pk="structure"),
    get(
        "structures:detail",
        expect(200, anonymous=200),
        pk="recognised",
        label="structures:detail-recognised",
    ),
    get("structures:edit", MANAGE_GET, pk="structure"),
    get("structures:create", STAFF_GET),
    get("structures:missions", MANAGE_GET, pk="cpts"),
    get("structures:members", MANAGE_GET, pk="structure"),
    post(
        "structures:invite",
        MANAGE_POST,
        pk="structure",
        data=lambda c: {
            "email": "nouveau@exemple.fr",
            "role": MembershipRole.MEMBER,
            TOKEN_FIELD: new_token(),
        },
    ),
    get("structures:invite", WRONG_METHOD, pk="structure"),
    # The invitee's side: `invitation_to_professional` is addressed to the
    # professional; the page asks a visitor to sign in, and tells any other
    # account that it may not answer (403).
    get("structures:invitations", expect(200)),
    post("structures:invitations", WRONG_METHOD),
    get("structures:invitation", expect(403, professional=200, anonymous=200), kwargs=_token),
    post("structures:invitation", expect(405, anonymous=405), kwargs=_token),
    post("structures:invitation_accept", expect(403, professional=302), kwargs=_token),
    get("structures:invitation_accept", WRONG_METHOD, kwargs=_token),
    post("structures:invitation_decline", expect(403, professional=302), kwargs=_token),
    get("structures:invitation_decline", WRONG_METHOD, kwargs=_token),
    post(
        "structures:membership_role",
        MANAGE_POST,
        pk="structure",
        kwargs=lambda c: {"membership_pk": c["membership"].pk},
        data=lambda c: {f"m{c['membership'].pk}-role": MembershipRole.REFERENT},
    ),
    post(
        "structures:membership_end",
        MANAGE_POST,
        pk="structure",
        kwargs=lambda c: {"membership_pk": c["membership"].pk},
        data=lambda c: {f"e{c['membership'].pk}-end_date": ""},
    ),
    # The page that confirms the end of a membership (the dialog without JavaScript).
    get(
        "structures:membership_end",
        MANAGE_GET,
        pk="structure",
        kwargs=lambda c: {"membership_pk": c["membership"].pk},
    ),
    post(
        "structures:invitation_cancel",
        MANAGE_POST,
        pk="structure",
        kwargs=lambda c: {"invitation_pk": c["invitation"].pk},
    ),
    get("structures:lifecycle", MANAGE_GET, pk="structure"),
    post(
        "structures:carpec_schedule",
        expect(403, staff=302, **OUTSIDERS),
        pk="structure",
        data=lambda c: tokened({"session": c["session"].pk, "kind": "validation"}, prefix="carpec"),
    ),
    get("structures:carpec_calendar", STAFF_GET),
    get("structures:carpec_session", STAFF_GET, pk="session"),
    post(
        "structures:carpec_review_outcome",
        STAFF_POST,
        pk="review",
        data=lambda c: {f"r{c['review'].pk}-outcome": "favorable"},
    ),
    # The ACI rules: reference data kept by staff.
    get("structures:aci_rules", STAFF_GET),
    post("structures:aci_rules", STAFF_WRONG_METHOD),
    get("structures:aci_rule_create", STAFF_GET),
    post("structures:aci_rule_create", STAFF_POST, data=lambda c: aci_rule_data("rcp")),
    get("structures:aci_rule_edit", STAFF_GET, pk="aci_rule"),
    post(
        "structures:aci_rule_edit",
        STAFF_POST,
        pk="aci_rule",
        data=lambda c: aci_rule_data("protocoles", points_per_unit="120"),
    ),
    *version_cases(
        "structures:aci_rule",
        read=STAFF_GET,
        restore=STAFF_POST,
        restore_get=STAFF_WRONG_METHOD,
        pk="aci_rule",
    ),
    # The health project: read and written by its readers, hidden from the others.
    get("structures:health_project", readers(200), pk="structure"),
    post("structures:health_project", WRONG_METHOD, pk="structure"),
    post("structures:health_project_start", readers(302), pk="structure"),
    get("structures:health_project_start", WRONG_METHOD, pk="structure"),
    get(
        "structures:health_project_edit_section",
        readers(200),
        pk="structure",
        kwargs={"section": Section.ACCESS.value},
    ),
    *version_cases(
        "structures:health_project",
        read=readers(200),
        restore=readers(302),
        restore_get=WRONG_METHOD,
        pk="structure",
    ),
    # Coordinators and staff submit; the other readers may not (403).
    post(
        "structures:health_project_transition",
        expect(403, coordinator=302, staff=302, **OUTSIDERS),
        pk="structure",
        kwargs={"action": "soumettre"},
    ),
    # The confirmation page says what submitting does, to those who may submit.
    get(
        "structures:health_project_transition",
        expect(403, coordinator=200, staff=200, **OUTSIDERS),
        pk="structure",
        kwargs={"action": "soumettre"},
    ),
    get("structures:health_project_pdf", readers(200), pk="structure"),
    post("structures:health_project_pdf", WRONG_METHOD, pk="structure"),
    get(
        "structures:health_project_version_pdf",
        readers(200),
        pk="structure",
        kwargs={"number": 1},
    ),
]


def module_context(world):
    structure, member, coordinator = world["structure"], world["member"], world["coordinator"]
    cpts = Structure.objects.create(
        name="CPTS du test", kind=StructureKind.CPTS, stage=Stage.CPTS_WRITING
    )
    cpts.memberships.create(user=coordinator, role=MembershipRole.COORDINATOR)
    cpts.memberships.create(user=member)
    cpts_facilitation = FacilitationFactory(structure=cpts)
    AssignmentFactory(facilitation=cpts_facilitation, user=world["facilitator"])
    AssignmentFactory(facilitation=cpts_facilitation, user=world["project_officer"])
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes littorales.", by=coordinator)
    project.save_section(Section.TERRITORY, "Treize communes littorales.", by=member)
    restore_aci_rules()
    aci_rule = AciRule.objects.get(code="protocoles")
    aci_rule.checked = True
    aci_rule.save()
    aci_rule.save_revision(by=world["staff"], comment="Vérifiée")
    return {
        "aci_rule": aci_rule,
        "structure": structure,
        "cpts": cpts,
        "recognised": Structure.objects.create(
            name="ESP reconnue", kind=StructureKind.ESP, stage=Stage.ESP_RECOGNISED
        ),
        "membership": member.memberships.get(structure=structure),
        "invitation": InvitationFactory(structure=structure),
        "invitation_to_professional": InvitationFactory(
            structure=structure, email=world["professional"].email
        ),
        "session": CarpecSessionFactory(),
        "review": CarpecReviewFactory(structure=structure, session=CarpecSessionFactory(past=True)),
    }


test_permission_matrix = matrix_test(CASES)


def test_submit_changes_the_status_only_for_coordinators_and_staff(client_for, module_world):
    """The 403 of the matrix leaves the project in draft."""
    ctx, coordinator = module_world["ctx"], module_world["coordinator"]
    url = reverse("structures:health_project_transition", args=[ctx["structure"].pk, "soumettre"])
    project = HealthProject.objects.get(structure=ctx["structure"])
    client_for(module_world["member"]).post(url)
    project.refresh_from_db()
    assert project.status == Status.DRAFT
    client_for(coordinator).post(url)
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
