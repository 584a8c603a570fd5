"""The header marks where one is (aria-current="page", and a visible style for
the menu that holds the current page); every page links the public-service
pages from its footer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def header(response) -> str:
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_the_current_page_is_marked_in_the_header(client, professional):
    client.force_login(professional)
    nav = header(client.get(reverse("facilitations:request_list")))
    assert nav.count('aria-current="page"') == 1
    assert 'href="/facilitations/demandes/" aria-current="page">Mes demandes' in nav


def test_a_page_of_the_team_menu_is_marked_and_its_menu_too(client, staff):
    client.force_login(staff)
    nav = header(client.get(reverse("user_list")))
    assert f'href="{reverse("user_list")}" aria-current="page">Utilisateurs et rôles' in nav
    assert "dropdown-toggle current-section" in nav
    nav = header(client.get(reverse("home")))
    assert "current-section" not in nav


def test_the_account_menu_marks_the_profile(client, professional):
    client.force_login(professional)
    nav = header(client.get(reverse("profile")))
    assert f'href="{reverse("profile")}" aria-current="page">Mon profil' in nav
    assert f'href="{reverse("personal_data")}"' in nav


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("protocols:index", "Coordination"),
        ("cooperation:index", "Coopération"),
        ("rcp:index", "RCP"),
    ],
)
def test_the_protocols_area_has_three_tabs(client, coordinator, url_name, current):
    """Coordination protocols, cooperation protocols and RCP meetings are one
    area of the header ("Protocoles"), with a tab each; the tab of the page is
    the current one."""
    client.force_login(coordinator)
    response = client.get(reverse(url_name))
    html = response.content.decode()
    assert 'href="/protocoles/" aria-current="page">Protocoles</a>' in header(response)
    tabs = html[html.index('<nav aria-label="Outils de coordination"') :]
    tabs = tabs[: tabs.index("</nav>")]
    for name, label in [
        ("protocols:index", "Coordination"),
        ("cooperation:index", "Coopération"),
        ("rcp:index", "RCP"),
    ]:
        assert f'href="{reverse(name)}"' in tabs and f">{label}</a>" in tabs
    assert tabs.count('aria-current="page"') == 1
    assert f'aria-current="page">{current}</a>' in tabs


def test_no_tabs_outside_the_protocols_area(client, coordinator):
    client.force_login(coordinator)
    assert "Outils de coordination" not in client.get(reverse("home")).content.decode()
