"""The guide's starter content: the pages under guide/starter/, written for
GECO Lib' in French (Markdown with front matter: title, slug, summary, kind,
themes, audience, parent, position).

`load_starter_content()` creates and publishes each page whose address is not
taken yet, parents first; a page that exists (even edited, moved or archived
since) is left alone, so running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .. import services
from ..enums import Audience, PageKind
from ..models import Page, SlugRedirect
from .converters import convert

STARTER_DIR = Path(__file__).resolve().parent.parent / "starter"


@dataclass
class StarterResult:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def starter_documents(folder: Path = STARTER_DIR) -> list[dict]:
    """The starter pages as dicts (slug, parent, position, title, summary,
    body, kind, themes, audience), parents before their children."""
    documents = []
    for path in sorted(folder.glob("*.md")):
        converted = convert(path.name, path.read_bytes())
        meta = converted.meta
        documents.append(
            {
                "slug": str(meta["slug"]),
                "parent": meta.get("parent") or "",
                "position": int(meta.get("position", 0)),
                "title": converted.title,
                "summary": converted.summary,
                "body": converted.markdown,
                "kind": meta.get("kind", PageKind.PAGE),
                "themes": list(meta.get("themes") or ()),
                "audience": meta.get("audience", Audience.PUBLIC),
            }
        )
    documents.sort(key=lambda d: (bool(d["parent"]), d["position"], d["slug"]))
    return documents


@transaction.atomic
def load_starter_content(*, by=None, folder: Path = STARTER_DIR) -> StarterResult:
    result = StarterResult()
    taken = set(Page.objects.values_list("slug", flat=True)) | set(
        SlugRedirect.objects.values_list("old_slug", flat=True)
    )
    for document in starter_documents(folder):
        if document["slug"] in taken:
            result.skipped.append(document["slug"])
            continue
        parent = (
            Page.objects.filter(slug=document["parent"]).first() if document["parent"] else None
        )
        page = services.create_page(
            title=document["title"],
            body=document["body"],
            by=by,
            parent=parent,
            summary=document["summary"],
            kind=document["kind"],
            themes=document["themes"],
            audience=document["audience"],
            slug=document["slug"],
            comment=_("Contenu de départ du guide"),
        )
        page.position = document["position"]
        page.save(update_fields=["position", "updated_at"])
        services.publish(page, by=by)
        taken.add(page.slug)
        result.created.append(page.slug)
    return result
