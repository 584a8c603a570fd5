"""The access gate (gecolib.middleware.AccessGateMiddleware) over every route
of the project, whatever the view's decorators.

With GECOLIB_REQUIRE_MFA, a staff member or facilitator without TOTP asking
for any URL (GET or POST, admin and allauth's pages included) is sent to the
TOTP set-up and nothing is written: the view never runs. A facilitator who
has not accepted the current charter is sent to it on the facilitator areas
only."""

from urllib.parse import urlparse

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.middleware import MFA_SETUP_VIEWS, AccessGateMiddleware
from gecolib.models import CharterAcceptance, SentNotification
from structures.enums import MembershipRole
from structures.models import Invitation, Membership
from tests.factories import MembershipFactory, UserFactory, accept_charter, activate_totp
from tests.matrix import project_routes
from tests.structures.factories import InvitationFactory

pytestmark = pytest.mark.django_db

ROUTES = [route for route in project_routes() if route.name]
GATED = [route for route in ROUTES if route.name not in MFA_SETUP_VIEWS]
OPEN = [route for route in ROUTES if route.name in MFA_SETUP_VIEWS]

# A professional's own request pages, and the public directory: outside the
# facilitator areas.
OUTSIDE_FACILITATOR_AREAS = {
    "facilitations:request_create",
    "facilitations:request_list",
    "facilitations:request_detail",
    "facilitations:request_message",
    "structures:directory",
    "rcp:answer",  # the e-mail's signed answer link, open without signing in
    "facilitations:feedback_answer",  # the questionnaire's signed link, likewise
}
# The structures' cooperation protocols (not the national catalogue).
COOPERATION_CATALOGUE = ("cooperation:catalogue", "cooperation:protocol")
FACILITATOR_AREAS = [
    route
    for route in ROUTES
    if (
        route.name.split(":")[0] in {"facilitations", "structures", "rcp", "assessments"}
        # A structure's coordination protocols (protocols/coordination/access.py).
        or route.name.startswith("protocols:protocol_")
    )
    and route.name not in OUTSIDE_FACILITATOR_AREAS
    or (route.name.startswith("cooperation:") and not route.name.startswith(COOPERATION_CATALOGUE))
]
OTHER_PAGES = [
    route
    for route in ROUTES
    if route not in FACILITATOR_AREAS
    and not route.third_party
    and route.name not in {"charter_accept"}
]


@pytest.fixture
def without_totp(settings):
    """A staff member and a facilitator (charter accepted) with no second factor."""
    settings.GECOLIB_REQUIRE_MFA = True
    staff = UserFactory(email="equipe.sans.totp@exemple.fr", staff=True)
    facilitator = UserFactory(email="facilitateur.sans.totp@exemple.fr", facilitator=True)
    accept_charter(facilitator)
    return {"staff": staff, "facilitator": facilitator}


def _location(response) -> str:
    return urlparse(response["Location"]).path if response.status_code == 302 else ""


def _writes(queries) -> list[str]:
    """SQL that changes data, but for the session's own row."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        and "django_session" not in query["sql"]
    ]


@pytest.mark.parametrize("route", GATED, ids=[route.name for route in GATED])
def test_no_page_without_a_second_factor(client, without_totp, route):
    url = route.sample_url()
    for who, user in without_totp.items():
        client.force_login(user)
        for method in ("get", "post"):
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method)(url)
            assert _location(response) == reverse("mfa_activate_totp"), (who, method, url)
            assert not _writes(queries), (who, method, url)


@pytest.mark.parametrize("route", OPEN, ids=[route.name for route in OPEN])
def test_setting_up_the_second_factor_stays_open(rf, without_totp, route):
    """The gate lets these through (what the page then does is allauth's or
    the view's business: tested on the gate alone)."""
    gate = AccessGateMiddleware(lambda request: None)
    for user in without_totp.values():
        request = rf.get(route.sample_url())
        request.user = user
        request.resolver_match = resolve(request.path)
        assert gate.process_view(request, request.resolver_match.func, (), {}) is None


def test_the_gate_says_why(client, without_totp):
    client.force_login(without_totp["staff"])
    response = client.get(reverse("home"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Pour accéder à cet espace, activez d'abord la double authentification "
        "(application d'authentification TOTP)."
    ]


# The four member-management POSTs, with data that does the action once the
# second factor is active: invite, change a role, end a membership, cancel an
# invitation.
MEMBER_MANAGEMENT = [
    (
        "structures:invite",
        lambda c: {"pk": c["structure"].pk},
        lambda c: {
            "email": "nouvelle.recrue@exemple.fr",
            "role": MembershipRole.MEMBER,
            TOKEN_FIELD: new_token(),
        },
    ),
    (
        "structures:membership_role",
        lambda c: {"pk": c["structure"].pk, "membership_pk": c["membership"].pk},
        lambda c: {f"m{c['membership'].pk}-role": MembershipRole.REFERENT},
    ),
    (
        "structures:membership_end",
        lambda c: {"pk": c["structure"].pk, "membership_pk": c["membership"].pk},
        lambda c: {f"e{c['membership'].pk}-end_date": ""},
    ),
    (
        "structures:invitation_cancel",
        lambda c: {"pk": c["structure"].pk, "invitation_pk": c["invitation"].pk},
        lambda c: {},
    ),
]


def _teams() -> tuple[list, list]:
    return (
        list(Membership.objects.order_by("pk").values()),
        list(Invitation.objects.order_by("pk").values()),
    )


@pytest.fixture
def team(structure, without_totp):
    """`structure` with a member and a pending invitation; the facilitator
    without TOTP is its coordinator (so only the second factor stops them)."""
    MembershipFactory(structure=structure, user=without_totp["facilitator"], coordinator=True)
    return {
        "structure": structure,
        "membership": MembershipFactory(structure=structure),
        "invitation": InvitationFactory(structure=structure),
    }


@pytest.mark.parametrize("who", ["staff", "facilitator"])
@pytest.mark.parametrize(
    ("name", "kwargs", "data"), MEMBER_MANAGEMENT, ids=[case[0] for case in MEMBER_MANAGEMENT]
)
def test_member_management_needs_a_second_factor(
    client, without_totp, team, who, name, kwargs, data
):
    """Finding: a staff member without TOTP changed memberships. Now the POST
    is sent to the TOTP set-up and no membership or invitation changes; with
    TOTP the same POST does the action."""
    user = without_totp[who]
    client.force_login(user)
    url = reverse(name, kwargs=kwargs(team))
    before = _teams()
    response = client.post(url, data(team))
    assert _location(response) == reverse("mfa_activate_totp")
    assert _teams() == before
    assert not SentNotification.objects.exists()

    activate_totp(user)
    response = client.post(url, data(team))
    assert response.status_code == 302
    assert _location(response) == reverse("structures:members", kwargs={"pk": team["structure"].pk})
    assert _teams() != before


@pytest.fixture
def without_charter(facilitator):
    CharterAcceptance.objects.filter(user=facilitator).delete()
    return facilitator


@pytest.mark.parametrize("route", FACILITATOR_AREAS, ids=[r.name for r in FACILITATOR_AREAS])
def test_facilitator_areas_need_the_charter(client, without_charter, route):
    client.force_login(without_charter)
    url = route.sample_url()
    for method in ("get", "post"):
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url)
        assert _location(response) == reverse("charter_accept"), (method, url)
        assert not _writes(queries), (method, url)


@pytest.mark.parametrize("route", OTHER_PAGES, ids=[r.name for r in OTHER_PAGES])
def test_other_pages_do_not_ask_for_the_charter(client, without_charter, route):
    client.force_login(without_charter)
    response = client.get(route.sample_url())
    assert _location(response) != reverse("charter_accept")


def test_staff_need_no_charter(client, staff):
    client.force_login(staff)
    assert client.get(reverse("facilitations:workspace")).status_code == 200
