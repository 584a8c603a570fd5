from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

from gecolib.models import EPCI, Commune, Department, Profession

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_database_down(client):
    with mock.patch("gecolib.views.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_reference_professions_loaded():
    codes = dict(Profession.objects.values_list("code", "name"))
    assert codes["10"] == "Médecin"
    assert codes["70"] == "Masseur-kinésithérapeute"
    for code in ["21", "40", "50", "60", "80", "91", "92", "94", "95", "96"]:
        assert code in codes


def test_territories_loaded():
    assert set(Department.objects.values_list("code", flat=True)) >= {"22", "29", "35", "56"}
    lamballe = EPCI.objects.get(siren="200069391")
    assert lamballe.name == "CA Lamballe Terre et Mer"
    assert lamballe.department.code == "22"
    assert lamballe.communes.count() > 10
    redon = EPCI.objects.get(siren="243500741")
    assert set(redon.departments.values_list("code", flat=True)) == {"35", "44", "56"}
    assert Commune.objects.get(insee="22001").name == "Allineuc"


def test_import_territories_updates_from_a_newer_file(tmp_path):
    epci_csv = tmp_path / "epci.csv"
    epci_csv.write_text(
        "siren,name,type,department,population,departments\n"
        "200069391,CA Lamballe Terre et Mer (2026),CA,22,70000,22\n"
        "999999999,CC Nouvelle,CC,29,1234,29\n",
        encoding="utf-8",
    )
    communes_csv = tmp_path / "communes.csv"
    communes_csv.write_text(
        "insee,name,epci_siren,department,population\n29999,Nouvelle-Commune,999999999,29,1234\n",
        encoding="utf-8",
    )
    call_command("import_territories", epci=epci_csv, communes=communes_csv)
    assert EPCI.objects.get(siren="200069391").population == 70000
    assert Commune.objects.get(insee="29999").epci.name == "CC Nouvelle"


def test_import_territories_rejects_a_bad_file(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "epci.csv"
    bad.write_text("siren,nom\n1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonnes manquantes"):
        call_command("import_territories", epci=bad)


def test_demo_data_is_idempotent():
    from gecolib.models import User

    call_command("demo_data")
    counts = {m: m.objects.count() for m in _all_models()}
    call_command("demo_data")
    assert {m: m.objects.count() for m in _all_models()} == counts
    assert User.objects.get(email="professionnel@demo.gecolib.fr").is_general_practitioner
    assert User.objects.get(email="charge.mission@demo.gecolib.fr").has_accepted_current_charter()


def _all_models():
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"gecolib", "structures", "facilitations"}
    ]


def test_public_home_and_navigation(client, structure):
    from tests.factories import FacilitationFactory, StructureFactory

    StructureFactory(recognised=True)
    FacilitationFactory(structure=structure)
    response = client.get(reverse("home"))
    assert response.context["figures"] == {
        "recognised": 1,
        "in_progress": 1,
        "directory_url": reverse("structures:directory"),
    }
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html
    assert "cdn" not in html.lower()


def test_check_deploy_clean_with_production_settings(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "production-like-secret",
        "ALLOWED_HOSTS": "portail.gecolib.fr",
        "SITE_URL": "https://portail.gecolib.fr",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "true",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_staff_dashboard_shows_account_figures(client, staff, facilitator, professional):
    from tests.factories import UserFactory

    UserFactory(email="sans.charte@exemple.fr", facilitator=True)  # no charter, no MFA
    client.force_login(staff)
    response = client.get(reverse("home"))
    panel = next(ctx for tpl, ctx in response.context["panels"] if "accounts" in tpl)
    assert panel == {"total": 4, "facilitators": 2, "charter_pending": 1, "without_mfa": 1}
    assert "Comptes du portail" in response.content.decode()


def test_profile_reminder_only_when_something_is_missing(client, staff, professional):
    from tests.factories import UserFactory

    client.force_login(staff)  # staff: a name is enough, no profession expected
    assert not client.get(reverse("home")).context["profile_incomplete"]
    client.force_login(professional)
    assert not client.get(reverse("home")).context["profile_incomplete"]
    newcomer = UserFactory(email="nouveau@exemple.fr", first_name="", profession=None)
    client.force_login(newcomer)
    response = client.get(reverse("home"))
    assert response.context["profile_incomplete"]
    assert "Compléter mon profil" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "professional"])
def test_error_pages_are_french(client_for, cast, role):
    response = client_for(cast[role]).get("/structures/999999/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_forbidden_page_is_french(client_for, cast):
    response = client_for(cast["professional"]).get(reverse("user_list"))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    assert "Une erreur est survenue" in render_to_string("500.html")
