"""Permission matrix: every role of the cast against every URL of the
facilitation workflow (the statistics pages are tested with them).

Codes: 200 page, 302 done (or to login for anonymous), 403 seen but not
allowed, 404 not visible, 405 wrong method."""

import pytest
from django.urls import reverse

from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    SessionFactory,
)

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


def _expect(default, **codes):
    return {role: codes.get(role, default) for role in ROLES if role != "anonymous"}


BINOME = {"facilitator": 200, "project_officer": 200, "staff": 200}
TEAM_FORBIDDEN = {"member": 403, "coordinator": 403}

# (name, url arguments, method, data, expected code by role)
CASES = [
    ("workspace", None, "get", None, _expect(403, **BINOME)),
    ("request_new", None, "get", None, _expect(200)),
    ("request_list", None, "get", None, _expect(200)),
    ("request_detail", "req", "get", None, _expect(404, professional=200, staff=200)),
    (
        "request_message",
        "req",
        "post",
        {"body": "Bonjour"},
        _expect(404, professional=302, staff=302),
    ),
    ("request_message", "req", "get", None, _expect(405)),
    ("triage", None, "get", None, _expect(403, staff=200)),
    ("request_review", "req", "post", None, _expect(404, professional=403, staff=302)),
    ("request_review", "req", "get", None, _expect(405)),
    ("request_accept", "req", "get", None, _expect(404, professional=403, staff=200)),
    ("request_redirect", "req", "get", None, _expect(404, professional=403, staff=200)),
    ("request_decline", "req", "get", None, _expect(404, professional=403, staff=200)),
    (
        "detail",
        "facilitation",
        "get",
        None,
        _expect(404, member=200, coordinator=200, **BINOME),
    ),
    (
        "binome",
        "facilitation",
        "get",
        None,
        _expect(404, facilitator=403, project_officer=403, staff=200, **TEAM_FORBIDDEN),
    ),
    (
        "status",
        "facilitation",
        "post",
        {"action": "pause"},
        _expect(404, facilitator=302, project_officer=302, staff=302, **TEAM_FORBIDDEN),
    ),
    ("status", "facilitation", "get", None, _expect(405)),
    ("close", "facilitation", "get", None, _expect(404, **BINOME, **TEAM_FORBIDDEN)),
    ("session_new", "facilitation", "get", None, _expect(404, **BINOME, **TEAM_FORBIDDEN)),
    ("session_edit", "session", "get", None, _expect(404, **BINOME, **TEAM_FORBIDDEN)),
    ("followup_new", "facilitation", "get", None, _expect(404, **BINOME, **TEAM_FORBIDDEN)),
    (
        "followup_toggle",
        "follow_up",
        "post",
        None,
        # the member is the follow-up's assignee
        _expect(404, member=302, coordinator=403, facilitator=302, project_officer=302, staff=302),
    ),
    ("followup_toggle", "follow_up", "get", None, _expect(405)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name, target, method, data, expected",
    CASES,
    ids=[f"{c[0]}-{c[2]}" for c in CASES],
)
def test_permission_matrix(
    client_for, cast, facilitation, role, name, target, method, data, expected
):
    objects = {
        "req": FacilitationRequestFactory(requester=cast["professional"]),
        "facilitation": facilitation,
        "session": SessionFactory(facilitation=facilitation),
        "follow_up": FollowUpFactory(facilitation=facilitation, assignee=cast["member"]),
    }
    args = [objects[target].pk] if target else []
    url = reverse(f"facilitations:{name}", args=args)
    client = client_for(cast[role])
    response = getattr(client, method)(url, data or {})
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected[role], (role, name, method)


def test_requester_follows_what_came_after(client, facilitation, professional):
    req = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.request = req
    facilitation.save()
    client.force_login(professional)
    assert client.get(reverse("facilitations:detail", args=[facilitation.pk])).status_code == 200
    page = client.get(reverse("facilitations:request_detail", args=[req.pk])).content.decode()
    assert reverse("facilitations:detail", args=[facilitation.pk]) in page
    url = reverse("facilitations:session_new", args=[facilitation.pk])
    assert client.get(url).status_code == 403


def test_facilitator_without_mfa_is_sent_to_activate_it(client, facilitation):
    from tests.factories import UserFactory, accept_charter

    newcomer = UserFactory(email="sans.totp@exemple.fr", facilitator=True)
    accept_charter(newcomer)
    client.force_login(newcomer)
    response = client.get(reverse("facilitations:detail", args=[facilitation.pk]))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_facilitator_without_charter_is_sent_to_the_charter(client, facilitation, facilitator):
    from gecolib.models import CharterAcceptance

    CharterAcceptance.objects.filter(user=facilitator).delete()
    client.force_login(facilitator)
    response = client.get(reverse("facilitations:detail", args=[facilitation.pk]))
    assert response["Location"] == reverse("charter_accept")
