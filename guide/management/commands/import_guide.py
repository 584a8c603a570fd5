"""`manage.py import_guide PATH [--parent SLUG] [--by EMAIL] [--new]`: import a
Markdown, HTML or DOCX file, a WordPress export (XML), a ZIP archive or a
whole folder (the current site's pages with their images, Word sheets) as
draft pages of the guide, then print the report. A document matching an
existing page (same title, or imported from the same file) becomes a new
version of it, unless `--new` is given."""

from contextlib import ExitStack
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guide.importing.archives import ImportSources
from guide.importing.importer import ON_EXISTING_NEW, ON_EXISTING_UPDATE, import_documents
from guide.models import Page

MAX_FILE_SIZE = 50 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Importe des fichiers Markdown, HTML, DOCX ou un export WordPress (un fichier, une "
        "archive ZIP ou un dossier) en brouillons du guide."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier, archive ZIP ou dossier à importer")
        parser.add_argument(
            "--parent", default="", help="adresse de la page sous laquelle importer"
        )
        parser.add_argument("--by", default="", help="e-mail de l'auteur des versions importées")
        parser.add_argument(
            "--new",
            action="store_true",
            help="créer de nouvelles pages même quand une page du même titre existe",
        )

    def handle(self, *args, path, parent, by, new=False, **options):
        root = Path(path)
        if not root.exists():
            raise CommandError(f"Introuvable : {root}")
        parent_page = None
        if parent:
            parent_page = Page.objects.filter(slug=parent).first()
            if parent_page is None:
                raise CommandError(f"Aucune page à l'adresse « {parent} ».")
        author = None
        if by:
            author = get_user_model().objects.filter(email__iexact=by).first()
            if author is None:
                raise CommandError(f"Aucun compte avec l'adresse « {by} ».")
        with ExitStack() as opened:
            sources = opened.enter_context(ImportSources())
            self.read(root, sources, opened)
            report = import_documents(
                sources.files,
                by=author,
                parent=parent_page,
                on_existing=ON_EXISTING_NEW if new else ON_EXISTING_UPDATE,
            )
        report.failed[:0] = sources.refused
        for page in report.imported:
            action = "Mise à jour" if page.updated else "Importée"
            self.stdout.write(
                f"{action} : {page.source} → /guide/{page.slug}/ « {page.title} » "
                f"({page.attachments} pièce(s) jointe(s))"
            )
            for warning in page.warnings:
                self.stdout.write(f"  attention : {warning}")
        for source, reason in report.failed:
            self.stdout.write(f"Non importé : {source} — {reason}")
        self.stdout.write(
            f"{len(report.imported)} page(s) importée(s) en brouillon, "
            f"{len(report.failed)} fichier(s) non importé(s)."
        )

    def read(self, root: Path, sources: ImportSources, opened: ExitStack) -> None:
        """A file or archive (read with the caps of the upload page), or a folder."""
        if root.is_file():
            sources.add(root.name, opened.enter_context(root.open("rb")))
            if root.suffix.lower() == ".zip" and not sources.archives:
                raise CommandError(sources.refused[0][1])
            return
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or any(part.startswith(".") for part in relative.parts):
                continue
            if path.stat().st_size > MAX_FILE_SIZE:
                continue
            sources.plain[relative.as_posix()] = path.read_bytes()
