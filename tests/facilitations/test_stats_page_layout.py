"""The statistics page in themed sections with a table of contents, and the
period shown in its form."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

STATS_URL = reverse("facilitations:stats")


def test_table_of_contents_links_every_section(client_for, staff):
    html = client_for(staff).get(STATS_URL, {"annee": 2025}).content.decode()
    start = html.index('aria-labelledby="titre-sommaire"')
    toc = html[start : html.index("</nav>", start)]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets[:3] == ["titre-periode", "titre-exports", "titre-synthese"]
    assert "titre-territoires" in targets and "titre-par-epci" in targets
    assert targets[-1] == "titre-regles"
    for target in targets:
        assert f'id="{target}"' in html, target
    # Headings in order: h1, then h2 themes, each table an h3 under its theme.
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert '<h3 id="titre-par-epci"' in html


def test_the_form_shows_the_year_displayed(client_for, staff):
    year = timezone.localdate().year
    html = client_for(staff).get(STATS_URL).content.decode()
    assert f"Période : <strong>{year}</strong>" in html
    assert re.search(rf'<input[^>]*name="annee"[^>]*value="{year}"', html)
    html = client_for(staff).get(STATS_URL, {"annee": 2024}).content.decode()
    assert re.search(r'<input[^>]*name="annee"[^>]*value="2024"', html)
