"""Activity statistics: figures checked against hand-computed ones (see the
dataset's docstring in stats_factories.build_reference_dataset), period
filter, page, charts, access and query counts."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations import charts
from facilitations.enums import Phase
from facilitations.stats import (
    Period,
    compute_statistics,
    data_years,
    format_hours,
    format_number,
    quarter_label,
)
from tests.facilitations.stats_factories import (
    PRIVATE_NOTE,
    FacilitationRequestFactory,
    StatsSessionFactory,
    at_noon,
    build_reference_dataset,
)
from tests.factories import FacilitationFactory, StructureFactory

STATS_URL = reverse("facilitations:stats")
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def dataset(db):
    return build_reference_dataset()


def rows(statistics, name):
    return statistics.tables[name].rows


# ----------------------------------------------------------------- figures


def test_figures_of_2025_match_hand_computed_ones(dataset):
    s = compute_statistics(Period.year(2025))

    assert rows(s, "par-annee") == [["2025", 2, 1]]
    assert rows(s, "par-trimestre") == [
        ["2025 T1", 1, 0],
        ["2025 T2", 1, 0],
        ["2025 T3", 0, 0],
        ["2025 T4", 0, 1],
    ]
    assert s.tables["par-trimestre"].footer == ["Total", 2, 1]
    assert rows(s, "par-departement") == [["22 – Côtes-d'Armor", 2], ["35 – Ille-et-Vilaine", 1]]
    # S2 covers Rennes Métropole and CA Dinan Agglomération: the first by name counts.
    assert rows(s, "par-epci") == [
        ["CA Dinan Agglomération", "22 – Côtes-d'Armor", 1],
        ["CA Lamballe Terre et Mer", "22 – Côtes-d'Armor", 1],
        ["CA Vitré Communauté", "35 – Ille-et-Vilaine", 1],
    ]
    # Needs in the order of the reference list, then facilitations without request.
    assert [label for label, _n in rows(s, "par-besoin")][:3] == [
        "Créer une ESP",
        "Créer une MSP",
        "Créer une CPTS",
    ]
    assert rows(s, "par-besoin")[-2:] == [["Autre besoin", 0], ["Sans demande", 1]]
    needs = dict(rows(s, "par-besoin"))
    assert needs["Créer une ESP"] == 1
    assert needs["Écrire ou mettre à jour le projet de santé"] == 2
    assert needs["Mettre en place des RCP"] == 0  # F4 was closed in 2024
    assert needs["Sans demande"] == 1
    assert sum(needs.values()) == 4
    kinds = dict(rows(s, "par-type-structure"))
    assert kinds["ESP – équipe de soins primaires"] == 1
    assert kinds["MSP – maison de santé pluriprofessionnelle"] == 1
    assert kinds["CPTS – communauté professionnelle territoriale de santé"] == 1
    assert kinds["Centre de santé"] == 0

    assert rows(s, "heures-par-phase") == [
        ["Définition", 2, 150],
        ["Mesure", 1, 120],
        ["Analyse", 0, 0],
        ["Suivi", 1, 30],
        ["Amélioration", 0, 0],
    ]
    assert s.tables["heures-par-phase"].display_footer() == ["Total", "4", "5\u00a0h"]
    assert rows(s, "heures-par-aide") == [
        ["Définition du projet", 1, 90],
        ["Animation de groupe", 2, 210],
        ["Retours d'expérience", 0, 0],
        ["Appui juridique", 1, 60],
        ["Recherche de financements", 0, 0],
        ["Méthodologie de gestion de projet", 0, 0],
    ]
    helps = {label: (n, minutes) for label, n, minutes in rows(s, "heures-par-aide")}
    assert helps["Définition du projet"] == (1, 90)
    assert helps["Animation de groupe"] == (2, 210)
    assert helps["Appui juridique"] == (1, 60)
    assert helps["Recherche de financements"] == (0, 0)

    assert rows(s, "delai-premiere-seance") == [["2025", 2, 48.5]]
    assert s.tables["delai-premiere-seance"].footer == ["Ensemble de la période", 2, 48.5]
    assert rows(s, "demandes-par-statut") == [
        ["Déposée", 1],
        ["En cours d'examen", 0],
        ["Acceptée", 2],
        ["Orientée ailleurs", 0],
        ["Déclinée", 1],
    ]
    summary = dict(s.tables["synthese"].display_rows())
    assert summary == {
        "Demandes reçues": "4",
        "Facilitations suivies": "3",
        "Facilitations ouvertes": "2",
        "Facilitations clôturées": "1",
        "Séances": "4",
        "Heures de facilitation": "5\u00a0h",
        "Participants aux séances": "10",
        "Délai médian demande → première séance (jours)": "48,5",
    }


def test_figures_of_2024(dataset):
    s = compute_statistics(Period.year(2024))
    # Followed: F3 (opened 2024-10-01) and F4 (closed 2024-06-30).
    assert rows(s, "par-trimestre") == [
        ["2024 T1", 0, 0],
        ["2024 T2", 0, 1],
        ["2024 T3", 0, 0],
        ["2024 T4", 1, 0],
    ]
    assert dict(rows(s, "par-besoin"))["Mettre en place des RCP"] == 1
    assert dict(rows(s, "par-besoin"))["Sans demande"] == 1
    assert rows(s, "heures-par-phase")[0] == ["Définition", 1, 45]
    # R8 was filed on 2024-12-31 at 23:30 in Paris (22:30 UTC): it belongs to 2024.
    assert dict(rows(s, "demandes-par-statut"))["Orientée ailleurs"] == 1
    # F3 has no request and F4's first session was in 2023: no delay this year.
    assert rows(s, "delai-premiere-seance") == [["2024", 0, None]]
    assert dict(s.tables["synthese"].display_rows())[
        "Délai médian demande → première séance (jours)"
    ] == ("–")


def test_custom_range_first_half_of_2025(dataset):
    s = compute_statistics(Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert rows(s, "par-trimestre") == [["2025 T1", 1, 0], ["2025 T2", 1, 0]]
    # Sessions of 2025-03-03 (90), 2025-05-26 (60), 2025-06-16 (120): 270 min.
    assert s.tables["heures-par-phase"].footer == ["Total", 3, 270]
    assert s.tables["heures-par-phase"].display_footer()[2] == "4,5\u00a0h"
    summary = dict(s.tables["synthese"].display_rows())
    assert summary["Participants aux séances"] == "10"
    assert summary["Facilitations clôturées"] == "0"


def test_median_per_year_over_several_years(dataset):
    s = compute_statistics(Period(dt.date(2023, 1, 1), dt.date(2025, 12, 31)))
    # 2023: F4, request 2023-02-01 → first session 2023-03-20 = 28 + 19 = 47 days.
    assert rows(s, "delai-premiere-seance") == [
        ["2023", 1, 47],
        ["2024", 0, None],
        ["2025", 2, 48.5],
    ]
    # Median of 42, 47, 55.
    assert s.tables["delai-premiere-seance"].footer == ["Ensemble de la période", 3, 47]
    assert rows(s, "par-annee") == [["2023", 1, 0], ["2024", 1, 1], ["2025", 2, 1]]
    assert len(rows(s, "par-trimestre")) == 12


def test_median_with_an_odd_number_and_a_late_first_session(db):
    structure = StructureFactory()
    for filed, first_session in [
        ((2025, 1, 1), dt.date(2025, 1, 11)),  # 10 days
        ((2025, 1, 1), dt.date(2025, 1, 31)),  # 30 days
        ((2025, 2, 1), dt.date(2025, 2, 8)),  # 7 days
    ]:
        request = FacilitationRequestFactory(structure=structure, created_at=at_noon(*filed))
        facilitation = FacilitationFactory(
            structure=structure, request=request, opened_at=at_noon(*filed)
        )
        StatsSessionFactory(facilitation=facilitation, date=first_session)
        # A later session does not change the first one.
        StatsSessionFactory(facilitation=facilitation, date=first_session + dt.timedelta(days=60))
    s = compute_statistics(Period.year(2025))
    assert rows(s, "delai-premiere-seance") == [["2025", 3, 10]]


def test_data_years_run_from_the_first_record_to_this_year(dataset):
    this_year = timezone.localdate().year
    assert data_years() == list(range(this_year, 2022, -1))


def test_quarters_of_a_period():
    assert Period(dt.date(2024, 11, 15), dt.date(2025, 2, 1)).quarters() == [
        (2024, 4),
        (2025, 1),
    ]
    assert quarter_label(2025, 3) == "2025 T3"
    assert Period.year(2025).slug == "2025"
    assert Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)).slug == "2025-01-01_2025-06-30"
    assert Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)).label == "du 01/01/2025 au 30/06/2025"


def test_french_number_formatting():
    assert format_number(1234567) == "1\u202f234\u202f567"
    assert format_number(Decimal("12.5"), 1) == "12,5"
    assert format_number(48.0, 1) == "48"
    assert format_hours(750) == "12,5\u00a0h"
    assert format_hours(120) == "2\u00a0h"
    assert format_hours(50) == "0,8\u00a0h"


# -------------------------------------------------------------------- charts


def parse_svgs(html: str) -> dict[str, ET.Element]:
    """Every chart of a page, parsed as XML (fails if one is not well-formed)."""
    svgs = {}
    for markup in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        root = ET.fromstring(markup)
        svgs[root.get("id")] = root
    return svgs


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG_NS}text")]


def test_hbar_chart_is_accessible_well_formed_and_shows_values():
    svg = ET.fromstring(
        charts.hbar_chart("g1", "Heures <par> phase", [("A & B", 90), ("C", 0)], format_hours)
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "g1-title g1-desc"
    assert svg.find(f"{SVG_NS}title").text == "Heures <par> phase"
    assert svg.find(f"{SVG_NS}title").get("id") == "g1-title"
    assert "A & B : 1,5\u00a0h" in svg.find(f"{SVG_NS}desc").text
    assert texts(svg) == ["A & B", "1,5\u00a0h", "C", "0\u00a0h"]
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG_NS}rect")]
    assert widths[0] > 0 and widths[1] == 0


def test_vbar_chart_has_a_legend_and_values():
    svg = ET.fromstring(
        charts.vbar_chart(
            "g2",
            "Ouvertes et clôturées",
            ["2025 T1", "2025 T2"],
            [("Ouvertes", [3, 1]), ("Clôturées", [0, 2])],
            format_number,
        )
    )
    assert texts(svg) == ["Ouvertes", "Clôturées", "3", "0", "2025 T1", "1", "2", "2025 T2"]
    assert "2025 T1 : Ouvertes 3, Clôturées 0" in svg.find(f"{SVG_NS}desc").text


# ---------------------------------------------------------------------- page


def test_page_shows_figures_charts_and_tables(client_for, staff, dataset):
    response = client_for(staff).get(STATS_URL, {"annee": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Période : <strong>2025</strong>" in html
    svgs = parse_svgs(html)
    assert set(svgs) == {
        "graphique-par-annee",
        "graphique-par-trimestre",
        "graphique-par-departement",
        "graphique-par-epci",
        "graphique-par-besoin",
        "graphique-par-type-structure",
        "graphique-heures-par-phase",
        "graphique-heures-par-aide",
        "graphique-delai-premiere-seance",
        "graphique-demandes-par-statut",
    }
    for svg_id, svg in svgs.items():
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG_NS}title").get("id") == title_id == f"{svg_id}-title"
        assert svg.find(f"{SVG_NS}desc").get("id") == desc_id
    assert "2,5\u00a0h" in texts(svgs["graphique-heures-par-phase"])
    assert "3,5\u00a0h" in texts(svgs["graphique-heures-par-aide"])
    assert "48,5 j" in texts(svgs["graphique-delai-premiere-seance"])
    assert "CA Dinan Agglomération (22)" in texts(svgs["graphique-par-epci"])
    quarter_texts = texts(svgs["graphique-par-trimestre"])
    assert quarter_texts[:2] == ["Ouvertes", "Clôturées"]
    assert "2025 T4" in quarter_texts

    # Data tables: caption, column and row headers.
    assert "<caption>Heures de facilitation par phase – 2025</caption>" in html
    assert '<th scope="col" class="text-end">Heures</th>' in html
    assert '<th scope="row">Définition</th><td class="text-end">2</td>' in html
    assert '<td class="text-end">2,5\u00a0h</td>' in html
    assert '<th scope="row">Sans demande</th><td class="text-end">1</td>' in html
    # Counting rules are explained on the page.
    assert "premier EPCI de la structure dans l'ordre alphabétique" in html
    assert "compte sa durée entière pour chacune de ces aides" in html
    assert PRIVATE_NOTE not in html
    # Export links carry the period.
    assert (
        reverse("facilitations:stats_export") + "?annee=2025&amp;format=xlsx&amp;table=all" in html
    )
    assert reverse("facilitations:sessions_export") + "?annee=2025&amp;format=csv" in html


def test_page_defaults_to_the_current_year_and_links_previous_years(client_for, staff, dataset):
    this_year = timezone.localdate().year
    response = client_for(staff).get(STATS_URL)
    html = response.content.decode()
    assert f"Période : <strong>{this_year}</strong>" in html
    assert f'href="{STATS_URL}?annee={this_year}" aria-current="page"' in html
    for year in (2023, 2024, 2025):
        assert f'href="{STATS_URL}?annee={year}"' in html
    assert f'href="{STATS_URL}?annee=2022"' not in html


def test_page_with_a_date_range(client_for, staff, dataset):
    response = client_for(staff).get(STATS_URL, {"du": "2025-01-01", "au": "2025-06-30"})
    html = response.content.decode()
    assert "Période : <strong>du 01/01/2025 au 30/06/2025</strong>" in html
    assert '<th scope="row">2025 T2</th>' in html
    assert '<th scope="row">2025 T3</th>' not in html
    assert "du=2025-01-01&amp;au=2025-06-30" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"du": "2025-06-30", "au": "2025-01-01"},
            "La date de début doit précéder la date de fin.",
        ),
        ({"du": "2025-01-01"}, "Indiquez les deux dates de la période"),
        (
            {"du": "2010-01-01", "au": "2025-01-01"},
            "La période peut couvrir au plus 10 années civiles.",
        ),
        ({"annee": "deux mille"}, "Saisissez un nombre entier."),
        ({"annee": "1999"}, "supérieure ou égale à 2000"),
    ],
)
def test_bad_period_shows_a_french_error_and_the_current_year(
    client_for, staff, dataset, params, message
):
    response = client_for(staff).get(STATS_URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Les chiffres affichés sont ceux de l'année en cours." in html
    assert f"Période : <strong>{timezone.localdate().year}</strong>" in html


def test_page_without_any_data(client_for, staff):
    response = client_for(staff).get(STATS_URL, {"annee": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    # No chart of flat bars: a sentence in place of each chart.
    assert parse_svgs(html) == {}
    assert html.count("Aucune donnée sur cette période : pas de graphique.") == 10
    assert '<th scope="row">Heures de facilitation</th><td class="text-end">0\u00a0h</td>' in html


# -------------------------------------------------------------------- access

STATS_URLS = [
    reverse("facilitations:stats"),
    reverse("facilitations:stats_export") + "?format=csv&table=all",
    reverse("facilitations:stats_export") + "?format=xlsx&table=all",
    reverse("facilitations:sessions_export") + "?format=csv",
    reverse("facilitations:sessions_export") + "?format=xlsx",
]
EXPECTED = {
    "anonymous": 302,
    "professional": 403,
    "member": 403,
    "coordinator": 403,
    "other_member": 403,
    "facilitator": 403,
    "project_officer": 403,
    "staff": 200,
}


@pytest.mark.parametrize("url", STATS_URLS)
@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client_for, cast, role, url):
    response = client_for(cast[role]).get(url)
    assert response.status_code == EXPECTED[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("url", STATS_URLS)
def test_the_pages_only_read(client_for, staff, url):
    assert client_for(staff).post(url).status_code == 405


def test_staff_without_second_factor_is_sent_to_activate_it(client_for, db, settings):
    from tests.factories import UserFactory

    settings.GECOLIB_REQUIRE_MFA = True
    staff_without_mfa = UserFactory(staff=True)
    response = client_for(staff_without_mfa).get(STATS_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


# --------------------------------------------------------------- query count


def build_volume(count: int) -> None:
    """`count` facilitations, each with a request (2 needs), 2 sessions (2 help
    types, participants) in 2025; a third closed every third one."""
    for index in range(count):
        request = FacilitationRequestFactory(
            created_at=at_noon(2025, 1 + index % 6, 1), needs=["creer-esp", "rcp"]
        )
        facilitation = FacilitationFactory(
            request=request, opened_at=at_noon(2025, 1 + index % 6, 10)
        )
        for month in (7, 9):
            StatsSessionFactory(
                facilitation=facilitation,
                date=dt.date(2025, month, 1 + index % 28),
                phase=list(Phase)[index % 5],
                help_given=["animation-groupe", "appui-juridique"],
                participants={"10": 1, "60": 2},
                private_notes=PRIVATE_NOTE,
            )


@pytest.mark.parametrize("count", [5, 50])
def test_stats_page_query_count_does_not_grow_with_data(
    client_for, staff, django_assert_num_queries, count
):
    build_volume(count)
    client = client_for(staff)
    # 1 session, 2 user, 3 MFA authenticators (second factor check),
    # 4–5 followed facilitations by structure with their seat's EPCI, and
    # their structures' own EPCIs, 6–7 openings and closings by quarter,
    # 8 EPCIs and departments, 9–10 needs, 11–12 help types, 13 hours by
    # phase, 14 participants, 15 requests by status, 16 first sessions,
    # 17–18 first facilitation and first request (quick links).
    with django_assert_num_queries(18):
        response = client.get(STATS_URL, {"annee": 2025})
    assert response.status_code == 200
    assert f'<th scope="row">Facilitations suivies</th><td class="text-end">{count}</td>' in (
        response.content.decode()
    )
