"""`manage.py restore ARCHIVE`: puts back the database and the media folder
of an archive written by `manage.py backup` — on the same machine or a new
one (empty database, migrations not even run)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from .backup import (
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_DIR,
    PG_DUMP_FILE,
    SQLITE_FILE,
    engine,
    pg_command,
    run,
    sqlite_connection,
)


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (KeyError, AttributeError, ValueError):
        raise CommandError(
            "Cette archive n'est pas une sauvegarde du portail (manifest.json absent ou illisible)."
        ) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise CommandError(f"Format de sauvegarde inconnu : {manifest.get('format')}.")
    return manifest


def restore_database(work_dir: Path, manifest: dict, alias: str = "default") -> None:
    if manifest["engine"] == "postgresql":
        # No connection of ours may hold a lock on the tables pg_restore drops.
        connections.close_all()
        args, env = pg_command("pg_restore", alias)
        run(
            [
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                str(work_dir / PG_DUMP_FILE),
            ],
            env,
        )
        return
    source = sqlite3.connect(work_dir / SQLITE_FILE)
    try:
        source.backup(sqlite_connection(alias))
    finally:
        source.close()


def restore_media(work_dir: Path) -> None:
    """Replaces the media folder's content by the archive's (the folder
    itself stays: it may be a mount point)."""
    saved = work_dir / MEDIA_DIR
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if saved.is_dir():
        shutil.copytree(saved, media_root, dirs_exist_ok=True)


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde écrite par « manage.py backup » : la base de données "
        "(remplacée) et les fichiers déposés (remplacés)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Archive gecolib-….tar.gz à restaurer.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ne pas demander de confirmation.",
        )

    def handle(self, *args, **options):
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"Archive introuvable : {archive}")
        current = engine()
        with tempfile.TemporaryDirectory(prefix="gecolib-restore-") as work:
            work_dir = Path(work)
            try:
                with tarfile.open(archive, "r:gz") as tar:
                    manifest = read_manifest(tar)
                    # The "data" filter refuses absolute paths, "..", links out.
                    tar.extractall(work_dir, filter="data")
            except (tarfile.TarError, OSError) as error:
                raise CommandError(f"Archive illisible : {error}") from None
            if manifest["engine"] != current:
                raise CommandError(
                    f"Cette sauvegarde vient d'une base {manifest['engine']} : elle ne peut "
                    f"être restaurée que dans une base du même type (ici : {current})."
                )
            if options["interactive"]:
                name = connections["default"].settings_dict["NAME"]
                answer = input(
                    f"La base « {name} » et le dossier {settings.MEDIA_ROOT} vont être "
                    f"remplacés par la sauvegarde du {manifest['created_at']}. "
                    "Tapez « oui » pour continuer : "
                )
                if answer.strip().lower() != "oui":
                    raise CommandError("Restauration annulée : rien n'a été modifié.")
            restore_database(work_dir, manifest)
            restore_media(work_dir)
        self.stdout.write(
            f"Sauvegarde du {manifest['created_at']} restaurée. Si le code est plus récent que "
            "la sauvegarde, lancez « manage.py migrate »."
        )
