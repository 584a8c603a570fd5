"""A staff member or facilitator without a second factor sees no staff or
facilitator panel on the dashboard, only the one asking to activate TOTP —
even rendered past the access gate (which sends them to the TOTP set-up)."""

import re

import pytest
from django.urls import reverse

from gecolib.dashboard import MFA_PANEL, panels_for
from gecolib.views import home
from tests.facilitations.factories import FacilitationRequestFactory
from tests.factories import (
    AssignmentFactory,
    FacilitationFactory,
    MembershipFactory,
    UserFactory,
    accept_charter,
    activate_totp,
)

pytestmark = pytest.mark.django_db


def _panels(html: str) -> list[str]:
    """The ids of the panels shown (each panel is labelled by its heading)."""
    return re.findall(r'aria-labelledby="(panel-[^"]+)"', html)


@pytest.fixture
def without_totp(settings, structure):
    """A staff member and a facilitator (in a binôme, member of a team) without
    TOTP, with an open request waiting for triage."""
    settings.GECOLIB_REQUIRE_MFA = True
    FacilitationRequestFactory(project_name="Projet en attente de tri")
    staff = UserFactory(email="equipe.sans.totp@exemple.fr", staff=True)
    facilitator = UserFactory(email="facilitateur.sans.totp@exemple.fr", facilitator=True)
    accept_charter(facilitator)
    AssignmentFactory(facilitation=FacilitationFactory(structure=structure), user=facilitator)
    MembershipFactory(structure=structure, user=facilitator)
    return {"staff": staff, "facilitator": facilitator}


def _dashboard(rf, user) -> str:
    """The dashboard view itself, without the middleware's gate."""
    request = rf.get(reverse("home"))
    request.user = user
    request.htmx = False
    return home.home(request).content.decode()


@pytest.mark.parametrize("who", ["staff", "facilitator"])
def test_only_the_second_factor_panel_without_totp(rf, without_totp, who):
    user = without_totp[who]
    assert panels_for(user) == [MFA_PANEL]
    html = _dashboard(rf, user)
    assert _panels(html) == ["panel-double-authentification"]
    assert reverse("mfa_activate_totp") in html
    assert "Projet en attente de tri" not in html


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", {"panel-triage", "panel-carpec", "panel-comptes"}),
        ("facilitator", {"panel-facilitations"}),
    ],
)
def test_role_panels_come_back_with_totp(rf, without_totp, who, expected):
    user = without_totp[who]
    activate_totp(user)
    assert MFA_PANEL not in panels_for(user)
    html = _dashboard(rf, user)
    assert expected <= set(_panels(html))
    assert "panel-double-authentification" not in _panels(html)


def test_the_gate_sends_them_to_the_totp_set_up(client, without_totp):
    for user in without_totp.values():
        client.force_login(user)
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_others_keep_their_panels_when_mfa_is_required(rf, settings, coordinator):
    """Professionals need no second factor: their panels are unchanged."""
    settings.GECOLIB_REQUIRE_MFA = True
    assert MFA_PANEL not in panels_for(coordinator)
    assert _panels(_dashboard(rf, coordinator))
    assert "panel-double-authentification" not in _panels(_dashboard(rf, coordinator))


def test_no_mfa_panel_when_mfa_is_not_required(settings, staff):
    settings.GECOLIB_REQUIRE_MFA = False
    staff.authenticator_set.all().delete()
    assert MFA_PANEL not in panels_for(staff)
