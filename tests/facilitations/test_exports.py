"""CSV and XLSX exports of the statistics and of the session list: content
checked against the hand-computed dataset of stats_factories, private notes
never exported, bad parameters refused, fixed query counts."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.facilitations.stats_factories import PRIVATE_NOTE, build_reference_dataset
from tests.facilitations.test_stats import build_volume

STATS_EXPORT = reverse("facilitations:stats_export")
SESSIONS_EXPORT = reverse("facilitations:sessions_export")

SESSION_HEADERS = [
    "Date",
    "Structure",
    "Type de structure",
    "Département",
    "EPCI",
    "Phase",
    "Modalité",
    "Durée (h)",
    "Aides apportées",
    "Participants",
    "Synthèse partagée",
]


@pytest.fixture
def dataset(db):
    return build_reference_dataset()


@pytest.fixture
def staff_client(client_for, staff):
    return client_for(staff)


def content_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parse_csv(response) -> list[list[str]]:
    raw = content_of(response)
    assert raw.startswith("\ufeff".encode()), "UTF-8 BOM expected for French Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def xlsx_text(raw: bytes) -> str:
    """Every XML part of a workbook, to look for a string anywhere in it."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def filename_of(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


# ------------------------------------------------------------- statistics CSV


def test_one_table_as_csv(staff_client, dataset):
    response = staff_client.get(
        STATS_EXPORT, {"annee": 2025, "format": "csv", "table": "heures-par-phase"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert filename_of(response) == "statistiques-facilitations_heures-par-phase_2025.csv"
    assert parse_csv(response) == [
        ["Phase", "Séances", "Heures"],
        ["Définition", "2", "2,5"],
        ["Mesure", "1", "2,0"],
        ["Analyse", "0", "0,0"],
        ["Suivi", "1", "0,5"],
        ["Amélioration", "0", "0,0"],
        ["Total", "4", "5,0"],
    ]


def test_every_table_as_csv(staff_client, dataset):
    response = staff_client.get(STATS_EXPORT, {"annee": 2025, "format": "csv", "table": "all"})
    assert filename_of(response) == "statistiques-facilitations_2025.csv"
    rows = parse_csv(response)
    titles = [row[0] for row in rows if len(row) == 1]
    assert titles == [
        "Synthèse de la période – 2025",
        "Facilitations ouvertes et clôturées par année – 2025",
        "Facilitations ouvertes et clôturées par trimestre – 2025",
        "Facilitations suivies par département – 2025",
        "Facilitations suivies par EPCI – 2025",
        "Facilitations suivies par besoin exprimé – 2025",
        "Facilitations suivies par type de structure – 2025",
        "Heures de facilitation par phase – 2025",
        "Heures de facilitation par aide apportée – 2025",
        "Délai médian entre la demande et la première séance – 2025",
        "Demandes reçues par statut actuel – 2025",
    ]
    assert rows[1:10] == [
        ["Indicateur", "Valeur"],
        ["Demandes reçues", "4"],
        ["Facilitations suivies", "3"],
        ["Facilitations ouvertes", "2"],
        ["Facilitations clôturées", "1"],
        ["Séances", "4"],
        ["Heures de facilitation", "5,0"],
        ["Participants aux séances", "10"],
        ["Délai médian demande → première séance (jours)", "48,5"],
    ]
    assert ["2025 T4", "0", "1"] in rows
    assert ["CA Dinan Agglomération", "22 – Côtes-d'Armor", "1"] in rows
    assert ["Animation de groupe", "2", "3,5"] in rows
    assert ["Sans demande", "1"] in rows
    assert ["2025", "2", "48,5"] in rows
    assert ["Acceptée", "2"] in rows
    assert [] in rows  # a blank line between tables


def test_csv_for_a_date_range(staff_client, dataset):
    response = staff_client.get(
        STATS_EXPORT, {"du": "2025-01-01", "au": "2025-06-30", "format": "csv", "table": "synthese"}
    )
    assert filename_of(response) == "statistiques-facilitations_synthese_2025-01-01_2025-06-30.csv"
    assert ["Heures de facilitation", "4,5"] in parse_csv(response)


# ------------------------------------------------------------ statistics XLSX


def test_every_table_and_the_sessions_as_xlsx(staff_client, dataset):
    response = staff_client.get(STATS_EXPORT, {"annee": 2025, "format": "xlsx", "table": "all"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert filename_of(response) == "statistiques-facilitations_2025.xlsx"
    raw = content_of(response)
    workbook = load_workbook(io.BytesIO(raw))
    assert workbook.sheetnames == [
        "Synthèse",
        "Par année",
        "Par trimestre",
        "Par département",
        "Par EPCI",
        "Par besoin",
        "Par type de structure",
        "Heures par phase",
        "Heures par aide",
        "Délai 1re séance",
        "Demandes par statut",
        "Séances",
    ]
    phases = list(workbook["Heures par phase"].iter_rows(values_only=True))
    assert phases == [
        ("Phase", "Séances", "Heures"),
        ("Définition", 2, 2.5),
        ("Mesure", 1, 2.0),
        ("Analyse", 0, 0.0),
        ("Suivi", 1, 0.5),
        ("Amélioration", 0, 0.0),
        ("Total", 4, 5.0),
    ]
    quarters = list(workbook["Par trimestre"].iter_rows(values_only=True))
    assert quarters[1:] == [
        ("2025 T1", 1, 0),
        ("2025 T2", 1, 0),
        ("2025 T3", 0, 0),
        ("2025 T4", 0, 1),
        ("Total", 2, 1),
    ]
    summary = dict(workbook["Synthèse"].iter_rows(min_row=2, values_only=True))
    assert summary["Heures de facilitation"] == 5.0
    assert summary["Délai médian demande → première séance (jours)"] == 48.5
    sessions = list(workbook["Séances"].iter_rows(values_only=True))
    assert sessions[0] == tuple(SESSION_HEADERS)
    assert len(sessions) == 1 + 4
    assert PRIVATE_NOTE not in xlsx_text(raw)


# -------------------------------------------------------------- session list


def test_session_list_as_csv(staff_client, dataset):
    response = staff_client.get(SESSIONS_EXPORT, {"annee": 2025, "format": "csv"})
    assert response.status_code == 200
    assert response.streaming
    assert filename_of(response) == "seances-facilitations_2025.csv"
    raw = content_of(response)
    assert PRIVATE_NOTE.encode() not in raw
    rows = parse_csv_bytes(raw)
    assert rows == [
        SESSION_HEADERS,
        [
            "03/03/2025",
            "ESP des Abers",
            "ESP – équipe de soins primaires",
            "22 – Côtes-d'Armor",
            "CA Lamballe Terre et Mer",
            "Définition",
            "Sur place",
            "1,5",
            "Définition du projet, Animation de groupe",
            "5",
            "Diagnostic partagé ; première réunion de l'équipe.",
        ],
        [
            "26/05/2025",
            "MSP de Bréal",
            "MSP – maison de santé pluriprofessionnelle",
            "22 – Côtes-d'Armor",
            "CA Dinan Agglomération",
            "Définition",
            "Visioconférence",
            "1",
            "Appui juridique",
            "4",
            "Statuts de la SISA relus.",
        ],
        [
            "16/06/2025",
            "ESP des Abers",
            "ESP – équipe de soins primaires",
            "22 – Côtes-d'Armor",
            "CA Lamballe Terre et Mer",
            "Mesure",
            "Sur place",
            "2",
            "Animation de groupe",
            "1",
            "Synthèse partagée avec l'équipe.",
        ],
        [
            "09/09/2025",
            "CPTS du Pays de Vitré",
            "CPTS – communauté professionnelle territoriale de santé",
            "35 – Ille-et-Vilaine",
            "CA Vitré Communauté",
            "Suivi",
            "Sur place",
            "0,5",
            "",
            "0",
            "Synthèse partagée avec l'équipe.",
        ],
    ]


def parse_csv_bytes(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_session_list_as_xlsx(staff_client, dataset):
    response = staff_client.get(
        SESSIONS_EXPORT, {"du": "2023-01-01", "au": "2024-12-31", "format": "xlsx"}
    )
    assert filename_of(response) == "seances-facilitations_2023-01-01_2024-12-31.xlsx"
    raw = content_of(response)
    assert PRIVATE_NOTE not in xlsx_text(raw)
    sheet = load_workbook(io.BytesIO(raw))["Séances"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(SESSION_HEADERS)
    assert [row[:2] for row in rows[1:]] == [
        (dt.datetime(2023, 3, 20), "ESP des Abers"),
        (dt.datetime(2024, 11, 12), "CPTS du Pays de Vitré"),
    ]
    assert rows[1][7] == 1 and rows[2][7] == 0.75  # 60 and 45 minutes
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet["H3"].number_format == "0.00"


def test_no_private_note_in_any_export(staff_client, dataset):
    for url, params in [
        (STATS_EXPORT, {"format": "csv", "table": "all"}),
        (STATS_EXPORT, {"format": "xlsx", "table": "all"}),
        (SESSIONS_EXPORT, {"format": "csv"}),
        (SESSIONS_EXPORT, {"format": "xlsx"}),
    ]:
        for period in ({"annee": 2025}, {"du": "2023-01-01", "au": "2026-12-31"}):
            raw = content_of(staff_client.get(url, {**params, **period}))
            text = xlsx_text(raw) if params["format"] == "xlsx" else raw.decode("utf-8-sig")
            assert PRIVATE_NOTE not in text
            if url == SESSIONS_EXPORT:
                assert "Statuts de la SISA relus." in text  # the shared summary is there


# ------------------------------------------------------------- bad parameters


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        (STATS_EXPORT, {"format": "pdf"}, "Format d'export inconnu : choisissez csv ou xlsx."),
        (SESSIONS_EXPORT, {}, "Format d'export inconnu : choisissez csv ou xlsx."),
        (STATS_EXPORT, {"format": "csv", "table": "secret"}, "Tableau inconnu : secret."),
        (
            STATS_EXPORT,
            {"format": "csv", "du": "2025-06-30", "au": "2025-01-01"},
            "Période invalide : La date de début doit précéder la date de fin.",
        ),
        (
            SESSIONS_EXPORT,
            {"format": "xlsx", "annee": "vingt"},
            "Période invalide : Saisissez un nombre entier.",
        ),
    ],
)
def test_bad_parameters_are_refused_in_french(staff_client, db, url, params, message):
    response = staff_client.get(url, params)
    assert response.status_code == 400
    assert response.content.decode() == message


# ---------------------------------------------------------------- query count

# 1 session, 2 user, 3 MFA authenticators (second factor check), then:
STATS_EXPORT_QUERIES = 3 + 13  # the thirteen queries of compute_statistics
# the session count (small enough to answer at once?), EPCIs, the structures'
# EPCIs (commune's, own), sessions, their help types, their participants
SESSIONS_QUERIES = 3 + 7


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_query_counts_do_not_grow_with_data(
    client_for, staff, django_assert_num_queries, count, export_format
):
    build_volume(count)
    client = client_for(staff)
    params = {"annee": 2025, "format": export_format}

    with django_assert_num_queries(STATS_EXPORT_QUERIES):
        content_of(client.get(STATS_EXPORT, {**params, "table": "par-besoin"}))
    # 2025 is over: its statistics now come from the cache (no query of
    # compute_statistics); table=all with XLSX adds the « Séances » sheet
    # (and counts its rows first).
    all_queries = 3 + (7 if export_format == "xlsx" else 0)
    with django_assert_num_queries(all_queries):
        content_of(client.get(STATS_EXPORT, {**params, "table": "all"}))
    with django_assert_num_queries(SESSIONS_QUERIES):
        raw = content_of(client.get(SESSIONS_EXPORT, params))
    if export_format == "csv":
        assert len(parse_csv_bytes(raw)) == 1 + 2 * count
    else:
        assert load_workbook(io.BytesIO(raw))["Séances"].max_row == 1 + 2 * count
