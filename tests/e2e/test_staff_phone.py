"""Staff pages on a phone (375 px): nothing wider than the screen."""

import pytest

from tests.facilitations.factories import FacilitationRequestFactory
from tests.facilitations.stats_factories import StatsSessionFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_triage_statistics_and_accept_pages_fit_a_phone(page):
    from tests.e2e.conftest import login

    staff = UserFactory(email="equipe@exemple.fr", staff=True)
    requester = UserFactory(email="demandeuse@exemple.fr")
    request = FacilitationRequestFactory(
        requester=requester, project_name="Équipe de soins primaires du Pays de Lamballe"
    )
    request.post_message(by=requester, body="Nous pouvons nous réunir le mardi soir.")
    # Figures this year, so that the statistics draw their charts.
    StatsSessionFactory(help_given=["animation-groupe"], participants={"10": 2, "60": 1})
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, staff.email, PASSWORD)
    for path in (
        "/facilitations/triage/",
        "/facilitations/statistiques/",
        f"/facilitations/demandes/{request.pk}/accepter/",
    ):
        page.goto(page.base_url + path)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} déborde à 375 px"
        if "statistiques" in path:
            assert page.locator("svg.stats-chart").count() >= 5
    page.goto(page.base_url + "/facilitations/triage/")
    # The priority columns stay visible; the marker of the new message too.
    assert page.get_by_role("columnheader", name="Statut").is_visible()
    assert not page.get_by_role("columnheader", name="Besoins").is_visible()
    assert page.get_by_text("1 nouveau message").is_visible()
