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
still imported. A WordPress export (WXR, `.xml`) gives one page per
WordPress page, with its hierarchy (guide.importing.wordpress).

A document whose title, or file, is the one of an existing page updates that
page with a new version (`ON_EXISTING_UPDATE`, the default) or becomes a new
page (`ON_EXISTING_NEW`); the report says which. Front-matter values the guide
does not know (a theme, a type, a parent page) are listed in the report.
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
from ..enums import Audience, PageKind, Theme
from ..models import Page, PageRevision
from ..services.checks import check_content, names_in
from .archives import UnreadableEntry
from .converters import (
    ASSET_SCHEME,
    SUPPORTED_EXTENSIONS,
    Converted,
    UnsupportedDocument,
    convert,
)
from .wordpress import convert_page, read_export

ON_EXISTING_UPDATE = "update"
ON_EXISTING_NEW = "new"


@dataclass
class ImportedPage:
    title: str
    slug: str
    source: str
    attachments: int
    warnings: list[str] = field(default_factory=list)
    updated: bool = False  # an existing page got a new version


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


def is_wordpress_export(path: str) -> bool:
    return path.lower().endswith(".xml")


def import_documents(
    files: Mapping[str, bytes],
    *,
    by,
    parent: Page | None = None,
    on_existing: str = ON_EXISTING_UPDATE,
) -> ImportReport:
    """Import every document of `files` (paths → bytes) as a draft page under
    `parent` (or a new version of the page it matches, see `on_existing`);
    the other files are only brought in when a document refers to them."""
    report = ImportReport()
    used: set[str] = set()
    unreadable: dict[str, str] = {}  # files documents refer to that could not be read
    target = Target(by=by, parent=parent, on_existing=on_existing)
    for path in sorted(p for p in files if is_wordpress_export(p)):
        used.add(path)
        _import_wordpress(path, files, report, used, unreadable, target)
    for path in sorted(p for p in files if is_document(p)):
        try:
            with transaction.atomic():
                converted = convert(path, files[path], resolver(path, files, used, unreadable))
                report.imported.append(save_converted(converted, path, target)[0])
        except (UnsupportedDocument, UnreadableEntry) as error:
            report.failed.append((path, str(error)))
        except ValidationError as error:
            report.failed.append((path, error.messages[0]))
    left = sorted(p for p in files if not is_document(p) and p not in used)
    if any(is_wordpress_export(p) for p in files):
        # A WordPress uploads folder holds every size of every image: one line.
        uploads = [p for p in left if "uploads/" in p]
        left = [p for p in left if "uploads/" not in p]
        if uploads:
            report.failed.append(
                (
                    _("dossier uploads"),
                    _("%(count)s fichier(s) auxquels aucune page ne renvoie : non importés")
                    % {"count": len(uploads)},
                )
            )
    for path in left:
        report.failed.append(
            (path, _("aucune page n'y renvoie, et ce n'est pas une page (Markdown, HTML ou DOCX)"))
        )
    report.failed.extend(sorted(unreadable.items()))
    return report


@dataclass
class Target:
    """Where and how documents are imported."""

    by: object
    parent: Page | None = None
    on_existing: str = ON_EXISTING_UPDATE


def resolver(path: str, files: Mapping[str, bytes], used: set[str], unreadable: dict[str, str]):
    """`resolve(reference)`: the bytes of a file a document refers to, relative
    to its folder or to the import's root; None when missing or unreadable."""
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

    return resolve


def existing_page(title: str, source: str, slug: str = "") -> Page | None:
    """The page a document is a new version of: same title, same address
    (WordPress), or made by an import of the same file. Archived pages aside."""
    pages = Page.objects.not_archived()
    found = pages.filter(title__iexact=title.strip()).order_by("pk").first()
    if found is None and slug:
        found = pages.filter(slug=slug).first()
    if found is None:
        comment = _("Import : %(file)s") % {"file": posixpath.basename(source)}
        page_ids = PageRevision.objects.filter(comment=comment).values("page_id")
        found = pages.filter(pk__in=page_ids).order_by("-pk").first()
    return found


def _import_wordpress(
    path: str,
    files: Mapping[str, bytes],
    report: ImportReport,
    used: set[str],
    unreadable: dict[str, str],
    target: Target,
) -> None:
    """Each page of a WordPress export, parents first, under its parent."""
    try:
        export = read_export(path, files[path])
    except (UnsupportedDocument, UnreadableEntry) as error:
        report.failed.append((path, str(error)))
        return
    # The uploads folder sent with the export: "2024/01/fiche.pdf" → its path.
    uploads = {p.rsplit("uploads/", 1)[1]: p for p in files if "uploads/" in p}

    def resolve_upload(name: str) -> bytes | None:
        found = uploads.get(name)
        if found is None:
            return None
        used.add(found)
        try:
            return files[found]
        except UnreadableEntry as error:
            unreadable[found] = str(error)
            return None

    made: dict[str, Page] = {}  # WordPress id → guide page
    for item in export.pages:
        source = f"{posixpath.basename(path)} › {item.slug or item.title}"
        try:
            with transaction.atomic():
                imported, page = save_converted(
                    convert_page(item, resolve_upload),
                    source,
                    target,
                    parent=made.get(item.parent_id),
                    slug=item.slug,
                )
        except (UnsupportedDocument, UnreadableEntry) as error:
            report.failed.append((source, str(error)))
            continue
        except ValidationError as error:
            report.failed.append((source, error.messages[0]))
            continue
        made[item.post_id] = page
        report.imported.append(imported)
    if export.skipped:
        kinds = ", ".join(f"{kind} ({count})" for kind, count in sorted(export.skipped.items()))
        report.failed.append(
            (
                path,
                _("éléments qui ne sont pas des pages, non importés : %(kinds)s")
                % {"kinds": kinds},
            )
        )


def save_converted(
    converted: Converted, source: str, target: Target, *, parent: Page | None = None, slug: str = ""
) -> tuple[ImportedPage, Page]:
    """A draft page (or a new version of the existing one) from a converted
    document: its files attached, `attachment:` references pointing to them."""
    by = target.by
    meta = converted.meta
    warnings = [*converted.warnings]
    # Reference text written by the team: the names it cites are authors' and
    # doctors', listed for the editor to check; a patient identifier (NIR,
    # birth date…) refuses the document.
    text = {"title": converted.title[:200], "summary": converted.summary}
    check_content(text | {"body": converted.markdown}, names_confirmed=True)
    values = _front_matter(meta, warnings)
    parent = values.pop("parent", None) or parent or target.parent
    slug = values.pop("slug", "") or slug
    comment = _("Import : %(file)s") % {"file": posixpath.basename(source)}
    page = None
    if target.on_existing == ON_EXISTING_UPDATE:
        page = existing_page(converted.title, source, slug)
    elif (same := existing_page(converted.title, source, slug)) is not None:
        warnings.append(
            _("Nouvelle page créée à côté de la page existante « %(title)s ».")
            % {"title": same.title}
        )
    if page is None:
        if slug and services.slug_taken(slug):
            warnings.append(
                _("L'adresse « %(slug)s » est déjà prise : une autre a été choisie.")
                % {"slug": slug}
            )
            slug = ""
        page = services.create_page(
            title=converted.title[:200],
            body="",
            by=by,
            parent=parent,
            summary=converted.summary,
            kind=values.get("kind", PageKind.PAGE),
            themes=values.get("themes", ()),
            audience=values.get("audience", Audience.PUBLIC),
            comment=comment,
            slug=slug,
            names_confirmed=True,
        )
        updated = False
    else:
        updated = True
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
    if updated:
        latest = page.latest_revision
        content = latest.content if latest is not None else page.live_content()
        content = {**content, "title": converted.title[:200], "body": body}
        if converted.summary:
            content["summary"] = converted.summary
        content.update(values)
        revision = services.save_revision(
            page,
            content,
            by=by,
            comment=_("%(comment)s (mise à jour)") % {"comment": comment},
            base_revision=latest.number if latest is not None else None,
            names_confirmed=True,
        )
        warnings.insert(
            0,
            _("Page existante mise à jour : version %(number)s, à publier après relecture.")
            % {"number": revision.number},
        )
    else:
        revision = page.latest_revision
        revision.content = {**revision.content, "body": body}
        revision.save(update_fields=["content"])
    imported = ImportedPage(
        title=page.title,
        slug=page.slug,
        source=source,
        attachments=len(targets),
        warnings=warnings,
        updated=updated,
    )
    return imported, page


def _front_matter(meta: dict, warnings: list[str]) -> dict:
    """The page fields the front matter sets (kind, themes, audience, parent,
    slug); each value the guide does not know is reported, then left out."""
    values: dict = {}

    def unknown(label: str, value) -> None:
        warnings.append(_("%(what)s : %(value)s") % {"what": label, "value": value})

    if meta.get("kind"):
        if meta["kind"] in PageKind.values:
            values["kind"] = meta["kind"]
        else:
            unknown(_("type inconnu"), meta["kind"])
    if "themes" in meta:
        themes = meta["themes"] or []
        themes = [themes] if isinstance(themes, str) else list(themes)
        known = [str(t) for t in themes if str(t) in Theme.values]
        for theme in themes:
            if str(theme) not in Theme.values:
                unknown(_("thème inconnu"), theme)
        values["themes"] = known
    if meta.get("audience"):
        if meta["audience"] in Audience.values:
            values["audience"] = meta["audience"]
        else:
            unknown(_("public inconnu"), meta["audience"])
    if meta.get("parent"):
        parent = Page.objects.not_archived().filter(slug=str(meta["parent"])).first()
        if parent is None:
            unknown(_("page parente introuvable"), meta["parent"])
        else:
            values["parent"] = parent
    if meta.get("slug"):
        values["slug"] = str(meta["slug"])
    known_keys = {"kind", "themes", "audience", "parent", "slug", "position"}
    for key in sorted(set(meta) - known_keys, key=str):
        unknown(_("champ inconnu, ignoré"), key)
    return values


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
