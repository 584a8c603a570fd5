"""Backup and restore (issue 8, finding 14): `manage.py backup` writes the
database and the media folder to one archive, `manage.py restore` puts them
back into a wiped database (as on a new machine). Run on the database of the
pass: SQLite in the first pass of CI, PostgreSQL (pg_dump / pg_restore) in the
second, each with its own test below."""

import hashlib
import os
import tarfile
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from facilitations.models import Session
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    RequestMessageFactory,
    SessionFactory,
)
from tests.reference_data import restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="DATABASE_URL ne désigne pas PostgreSQL : ce chemin tourne dans la passe PostgreSQL",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="base PostgreSQL : le chemin SQLite tourne dans la passe SQLite",
)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests run last and each ends with a flush of every table,
    reference rows included (as in tests/e2e/conftest.py): put them back."""
    restore_reference_data()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    folder = tmp_path / "media" / "documents"
    folder.mkdir(parents=True)
    (folder / "statuts.pdf").write_bytes(os.urandom(50_000))
    return tmp_path / "media"


@pytest.fixture
def populated(structure, coordinator, member, facilitation, facilitator, professional):
    """A small portal: the cast, a request with a message, sessions, a
    follow-up, a health project in two versions (plus the reference data the
    migrations load: professions, territories, needs, the charter)."""
    request = FacilitationRequestFactory(requester=professional)
    RequestMessageFactory(request=request)
    for _ in range(3):
        SessionFactory(facilitation=facilitation, created_by=facilitator)
    FollowUpFactory(facilitation=facilitation)
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes littorales.", by=coordinator)
    project.save_section(Section.TERRITORY, "Treize communes littorales.", by=member)


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wipe_database() -> None:
    """Drops every table: restoring must work into an empty database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def round_trip(tmp_path, media) -> None:
    before = row_counts()
    assert before["facilitations_session"] == 3
    assert before["structures_healthprojectversion"] == 2
    media_file = media / "documents" / "statuts.pdf"
    checksum = sha256(media_file)
    summary = Session.objects.order_by("pk").first().shared_summary

    out = StringIO()
    call_command("backup", dir=tmp_path / "backups", stdout=out)
    archives = list((tmp_path / "backups").glob("gecolib-*.tar.gz"))
    assert len(archives) == 1
    assert "Sauvegarde écrite" in out.getvalue()
    with tarfile.open(archives[0]) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/documents/statuts.pdf" in names

    wipe_database()
    media_file.unlink()
    (media / "intrus.txt").write_text("ajouté après la sauvegarde")

    call_command("restore", str(archives[0]), interactive=False, stdout=StringIO())

    assert row_counts() == before
    assert sha256(media_file) == checksum
    assert not (media / "intrus.txt").exists()
    assert Session.objects.order_by("pk").first().shared_summary == summary
    assert HealthProject.objects.get().section_text(Section.TERRITORY) == (
        "Treize communes littorales."
    )


@on_postgresql
def test_postgresql_backup_wipe_restore(tmp_path, media, populated):
    round_trip(tmp_path, media)


@on_sqlite
def test_sqlite_backup_wipe_restore(tmp_path, media, populated):
    round_trip(tmp_path, media)


def test_old_backups_are_removed_after_a_successful_backup(tmp_path, media, monkeypatch):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "gecolib-20200101-000000.tar.gz"
    recent = folder / "gecolib-20200201-000000.tar.gz"
    other = folder / "notes.txt"
    for path, age_days in ((old, 31), (recent, 29), (other, 400)):
        path.write_bytes(b"x")
        stamp = time.time() - age_days * 86400
        os.utime(path, (stamp, stamp))
    monkeypatch.setenv("BACKUP_DIR", str(folder))
    monkeypatch.setenv("BACKUP_KEEP_DAYS", "30")
    out = StringIO()
    call_command("backup", stdout=out)
    assert not old.exists()
    assert recent.exists() and other.exists()
    assert len(list(folder.glob("gecolib-*.tar.gz"))) == 2
    assert "gecolib-20200101-000000.tar.gz" in out.getvalue()


def test_bad_keep_days_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_KEEP_DAYS", "trente")
    with pytest.raises(CommandError, match="BACKUP_KEEP_DAYS"):
        call_command("backup", dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    archive = tmp_path / "autre.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="test.py")
    with pytest.raises(CommandError, match="pas une sauvegarde du portail"):
        call_command("restore", str(archive), interactive=False)
    with pytest.raises(CommandError, match="introuvable"):
        call_command("restore", str(tmp_path / "absente.tar.gz"), interactive=False)


def test_restore_asks_before_replacing(tmp_path, media, monkeypatch, staff):
    call_command("backup", dir=tmp_path / "backups", stdout=StringIO())
    archive = next((tmp_path / "backups").glob("gecolib-*.tar.gz"))
    before = row_counts()
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    with pytest.raises(CommandError, match="rien n'a été modifié"):
        call_command("restore", str(archive))
    assert row_counts() == before
    assert (media / "documents" / "statuts.pdf").exists()
