"""`manage.py backup`: the database and the media folder in one timestamped
archive under BACKUP_DIR, then archives older than BACKUP_KEEP_DAYS removed.

The archive (`gecolib-AAAAMMJJ-HHMMSS.tar.gz`) holds `manifest.json` (engine,
date), the database — `database.dump` (PostgreSQL, `pg_dump --format=custom`)
or `database.sqlite3` (SQLite, copied with the online backup API, so the
portal can keep running) — and `media/`. `manage.py restore` reads it back.
The helpers here are shared with the restore command.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

ARCHIVE_PREFIX = "gecolib-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
MEDIA_DIR = "media"
FORMAT_VERSION = 1


def backup_dir() -> Path:
    """BACKUP_DIR from the environment (default `backups/` in the project)."""
    return Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")


def keep_days() -> int:
    """BACKUP_KEEP_DAYS from the environment (default 30)."""
    raw = os.environ.get("BACKUP_KEEP_DAYS", "").strip() or "30"
    try:
        days = int(raw)
    except ValueError:
        raise CommandError(
            f"BACKUP_KEEP_DAYS doit être un nombre de jours, pas « {raw} »."
        ) from None
    if days < 1:
        raise CommandError("BACKUP_KEEP_DAYS doit valoir au moins 1.")
    return days


def engine(alias: str = "default") -> str:
    """« postgresql » or « sqlite »; any other database is refused."""
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise CommandError(f"Base de données non prise en charge : {vendor}.")
    return vendor


def pg_command(program: str, alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """A PostgreSQL client program with the connection of `alias`; the
    password goes through the environment, never the command line."""
    path = shutil.which(program)
    if path is None:
        raise CommandError(
            f"{program} est introuvable : installez le client PostgreSQL "
            "(paquet postgresql-client, même version majeure que le serveur)."
        )
    params = connections[alias].settings_dict
    args = [path, "--dbname", params["NAME"]]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        program = Path(args[0]).name
        raise CommandError(f"{program} a échoué : {result.stderr.strip() or result.returncode}")


def sqlite_connection(alias: str = "default") -> sqlite3.Connection:
    """Django's own SQLite connection: it reaches the file, or the in-memory
    database of the tests."""
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def dump_database(target_dir: Path, alias: str = "default") -> str:
    """Writes the database into `target_dir`; returns the file's name."""
    if engine(alias) == "postgresql":
        args, env = pg_command("pg_dump", alias)
        run([*args, "--format=custom", "--no-owner", "--file", str(target_dir / PG_DUMP_FILE)], env)
        return PG_DUMP_FILE
    destination = sqlite3.connect(target_dir / SQLITE_FILE)
    try:
        sqlite_connection(alias).backup(destination)
    finally:
        destination.close()
    return SQLITE_FILE


def prune(directory: Path, days: int, *, keep: Path) -> list[Path]:
    """Removes the portal's archives older than `days` (never `keep`, the one
    just written); returns what was removed."""
    limit = timezone.now().timestamp() - days * 86400
    removed = []
    for path in sorted(directory.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}")):
        if path != keep and path.stat().st_mtime < limit:
            path.unlink()
            removed.append(path)
    return removed


def create_backup(directory: Path, alias: str = "default") -> Path:
    """The archive of the database and the media folder, written whole under
    a temporary name then renamed: a failed backup leaves no half archive."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    counter = 1
    while archive.exists():
        counter += 1
        archive = directory / f"{ARCHIVE_PREFIX}{stamp}-{counter}{ARCHIVE_SUFFIX}"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="gecolib-backup-") as work:
        work_dir = Path(work)
        database_file = dump_database(work_dir, alias)
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine(alias),
            "database": database_file,
            "created_at": timezone.now().isoformat(),
        }
        (work_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = directory / f".{archive.name}.partial"
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(work_dir / MANIFEST, arcname=MANIFEST)
                tar.add(work_dir / database_file, arcname=database_file)
                if media_root.is_dir():
                    tar.add(media_root, arcname=MEDIA_DIR)
            partial.replace(archive)
        finally:
            partial.unlink(missing_ok=True)
    return archive


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les fichiers déposés dans une archive datée "
        "(BACKUP_DIR, par défaut backups/), puis supprime les archives de plus de "
        "BACKUP_KEEP_DAYS jours (30 par défaut)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Dossier des archives (sinon BACKUP_DIR).")
        parser.add_argument(
            "--keep-days", type=int, help="Durée de conservation (sinon BACKUP_KEEP_DAYS)."
        )

    def handle(self, *args, **options):
        directory = options["dir"] or backup_dir()
        days = options["keep_days"] if options["keep_days"] is not None else keep_days()
        if days < 1:
            raise CommandError("La durée de conservation doit valoir au moins 1 jour.")
        started = dt.datetime.now()
        archive = create_backup(directory)
        size = archive.stat().st_size / 1_000_000
        seconds = (dt.datetime.now() - started).total_seconds()
        self.stdout.write(f"Sauvegarde écrite : {archive} ({size:.1f} Mo, {seconds:.0f} s)")
        for path in prune(directory, days, keep=archive):
            self.stdout.write(f"Ancienne sauvegarde supprimée (plus de {days} jours) : {path.name}")
