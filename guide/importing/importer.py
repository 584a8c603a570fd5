"""Importing documents as draft guide pages.

`import_documents` takes the files of an import (a folder given to
`manage.py import_guide`, or the files and ZIP archives sent on the staff
upload page, read by `guide.importing.archives`) as a mapping of relative
paths to bytes; an entry that cannot be read (`UnreadableEntry`) is reported
with its reason. Each Markdown, HTML or
DOCX document becomes a draft page with one revision "Import : <file>"; the
images and linked files it refers to become the page's attachments (checked by
content like any upload); the report lists what was imported, with warnings,
and what could not be. A failing document changes nothing; the others are
still imported.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from ..enums import Audience, PageKind
from ..models import Page
from ..services.checks import check_content, names_in
from .archives import UnreadableEntry
from .converters import ASSET_SCHEME, SUPPORTED_EXTENSIONS, UnsupportedDocument, convert


@dataclass
class ImportedPage:
    title: str
    slug: str
    source: str
    attachments: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    imported: list[ImportedPage] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def as_dict(self) -> dict:
        return {
            "imported": [vars(page) for page in self.imported],
            "failed": [{"source": name, "reason": reason} for name, reason in self.failed],
        }


def is_document(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in SUPPORTED_EXTENSIONS


def import_documents(files: Mapping[str, bytes], *, by, parent: Page | None = None) -> ImportReport:
    """Import every document of `files` (paths → bytes) as a draft page under
    `parent`; the other files are only brought in when a document refers to them."""
    report = ImportReport()
    used: set[str] = set()
    unreadable: dict[str, str] = {}  # files documents refer to that could not be read
    for path in sorted(p for p in files if is_document(p)):
        try:
            with transaction.atomic():
                report.imported.append(
                    _import_one(path, files, used, unreadable, by=by, parent=parent)
                )
        except (UnsupportedDocument, UnreadableEntry) as error:
            report.failed.append((path, str(error)))
        except ValidationError as error:
            report.failed.append((path, error.messages[0]))
    for path in sorted(p for p in files if not is_document(p) and p not in used):
        report.failed.append(
            (path, _("aucune page n'y renvoie, et ce n'est pas une page (Markdown, HTML ou DOCX)"))
        )
    report.failed.extend(sorted(unreadable.items()))
    return report


def _import_one(
    path: str,
    files: Mapping[str, bytes],
    used: set[str],
    unreadable: dict[str, str],
    *,
    by,
    parent: Page | None,
) -> ImportedPage:
    folder = posixpath.dirname(path)

    def resolve(reference: str) -> bytes | None:
        for target in (
            posixpath.normpath(posixpath.join(folder, reference)),
            posixpath.normpath(reference.lstrip("/")),
        ):
            if target in files:
                used.add(target)
                try:
                    return files[target]
                except UnreadableEntry as error:
                    unreadable[target] = str(error)
                    return None
        return None

    converted = convert(path, files[path], resolve)
    meta = converted.meta
    # Reference text written by the team: the names it cites are authors' and
    # doctors', listed for the editor to check; a patient identifier (NIR,
    # birth date…) refuses the document. The body is checked here: the page
    # is created empty and its revision filled once the files are attached.
    text = {"title": converted.title[:200], "summary": converted.summary}
    check_content(text | {"body": converted.markdown}, names_confirmed=True)
    page = services.create_page(
        title=converted.title[:200],
        body="",
        by=by,
        parent=parent,
        summary=converted.summary,
        kind=_choice(meta.get("kind"), PageKind),
        themes=[t for t in meta.get("themes") or () if isinstance(t, str)],
        audience=_choice(meta.get("audience"), Audience),
        comment=_("Import : %(file)s") % {"file": posixpath.basename(path)},
        names_confirmed=True,
    )
    warnings = [*converted.warnings]
    names = sorted(names_in(converted.title, converted.summary, converted.markdown))
    if names:
        warnings.append(
            _("Noms cités : %(names)s — vérifiez qu'aucun n'est celui d'un patient.")
            % {"names": ", ".join(names)}
        )
    targets: dict[str, tuple[int, bool]] = {}
    for asset in converted.assets:
        try:
            attachment = services.attach(page, SimpleUploadedFile(asset.name, asset.data), by=by)
        except ValidationError as error:
            warnings.append(
                _("Fichier « %(file)s » non joint : %(reason)s")
                % {"file": asset.name, "reason": error.messages[0]}
            )
            continue
        targets[asset.name] = (attachment.pk, attachment.is_image)

    body = _point_to_attachments(converted.markdown, page, targets)
    revision = page.latest_revision
    revision.content = {**revision.content, "body": body}
    revision.save(update_fields=["content"])
    return ImportedPage(
        title=page.title, slug=page.slug, source=path, attachments=len(targets), warnings=warnings
    )


def _choice(value, choices) -> str:
    return value if value in choices.values else choices.values[0]


ASSET_LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\(" + re.escape(ASSET_SCHEME) + r"([^)\s]+)\)")


def _point_to_attachments(markdown: str, page: Page, targets: dict[str, tuple[int, bool]]) -> str:
    """`attachment:<name>` → the page's attachment: images embedded with
    `fichier:<id>`, other files linked to their download address; a file that
    could not be attached leaves its label as plain text."""

    def replace(match: re.Match) -> str:
        bang, label, name = match.groups()
        if name not in targets:
            return label
        pk, is_image = targets[name]
        if bang and is_image:
            return f"![{label}](fichier:{pk})"
        url = reverse("guide:attachment", args=[page.slug, pk])
        return f"[{label or name}]({url})"

    return ASSET_LINK_RE.sub(replace, markdown)
