"""Importing the network's current site from its WordPress export (WXR): a
file written here with pages, their hierarchy, a draft, a post, the trash
and attachments, some sent with the export in its uploads folder."""

import pytest

from guide.importing.importer import import_documents
from guide.importing.wordpress import autop, read_export
from guide.models import Page
from tests.guide.test_import_converters import TINY_PNG

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 100
SITE = "https://geco-lib.example.org"


def item(post_id, title, slug, content, *, parent=0, order=0, kind="page", status="publish",
         excerpt="", attachment_url=""):  # fmt: skip
    return f"""
  <item>
    <title>{title}</title>
    <link>{SITE}/{slug}/</link>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status>
    <wp:post_parent>{parent}</wp:post_parent>
    <wp:menu_order>{order}</wp:menu_order>
    <wp:post_type><![CDATA[{kind}]]></wp:post_type>
    {attachment(attachment_url)}
  </item>"""


def attachment(url: str) -> str:
    return f"<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>" if url else ""


def wxr(*items: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>GECO Lib'</title>
  <link>{SITE}</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  {"".join(items)}
</channel>
</rss>""".encode()


UPLOADS = f"{SITE}/wp-content/uploads/2024/03"
EXPORT = wxr(
    item(12, "Les protocoles", "les-protocoles", "Tout sur les protocoles.\n\nDeux paragraphes.",
         excerpt="Écrire et suivre un protocole."),
    item(14, "Protocole chutes", "protocole-chutes",
         f'<!-- wp:paragraph --><p>Le repérage.</p><!-- /wp:paragraph -->'
         f'<h2>Outils</h2><p>[caption id="a1"]<img src="{UPLOADS}/grille.png" alt="Grille"> '
         f'Grille[/caption] <a href="{UPLOADS}/fiche-chutes.pdf">la fiche</a> '
         f'<a href="{UPLOADS}/absente.pdf">absente</a> [gallery ids="3,4"]</p>',
         parent=12, order=2),
    item(13, "Protocole cystite", "protocole-cystite", "<p>La délégation.</p>", parent=12, order=1),
    item(15, "Brouillon WordPress", "brouillon", "<p>En cours.</p>", status="draft"),
    item(16, "Corbeille", "corbeille", "<p>Supprimée.</p>", status="trash"),
    item(17, "Actualité de mars", "actualite-mars", "<p>Un article.</p>", kind="post"),
    item(20, "grille", "grille", "", kind="attachment", status="inherit", parent=14,
         attachment_url=f"{UPLOADS}/grille.png"),
)  # fmt: skip


def test_the_export_is_read_parents_first_in_menu_order():
    export = read_export("site.xml", EXPORT)
    assert [p.slug for p in export.pages] == [
        "brouillon",
        "les-protocoles",
        "protocole-cystite",
        "protocole-chutes",
    ]
    chutes = export.pages[-1]
    assert chutes.parent_id == "12" and chutes.attachments == [f"{UPLOADS}/grille.png"]
    assert export.skipped == {"post": 1, "page": 1}  # the article, the page in the trash


def test_wordpress_paragraphs_are_made_into_html_paragraphs():
    assert autop("Un.\n\nDeux\nlignes.") == "<p>Un.</p><p>Deux<br>lignes.</p>"
    assert autop("<p>Déjà.</p>") == "<p>Déjà.</p>"


def test_a_file_that_is_not_an_export_is_refused_in_french():
    from guide.importing import UnsupportedDocument

    with pytest.raises(UnsupportedDocument, match="export WordPress illisible"):
        read_export("site.xml", b"<rss><channel>")
    with pytest.raises(UnsupportedDocument, match="n'est pas un export WordPress"):
        read_export("site.xml", b"<html></html>")


def test_entities_are_not_expanded():
    from guide.importing import UnsupportedDocument

    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel/></rss>'
    with pytest.raises(UnsupportedDocument):
        read_export("site.xml", bomb)


@pytest.mark.django_db
def test_the_pages_become_drafts_with_their_hierarchy_slugs_and_files(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = {
        "export/site.xml": EXPORT,
        "export/uploads/2024/03/grille.png": TINY_PNG,
        "export/uploads/2024/03/fiche-chutes.pdf": PDF,
        "export/uploads/2024/03/grille-150x150.png": TINY_PNG,
    }
    report = import_documents(files, by=staff)

    assert [p.slug for p in report.imported] == [
        "brouillon",
        "les-protocoles",
        "protocole-cystite",
        "protocole-chutes",
    ]
    root = Page.objects.get(slug="les-protocoles")
    assert root.parent is None and root.title == "Les protocoles" and not root.is_live
    assert root.summary == "Écrire et suivre un protocole."
    assert root.latest_revision.content["body"] == "Tout sur les protocoles.\n\nDeux paragraphes.\n"
    cystite, chutes = Page.objects.filter(parent=root).order_by("position")
    assert (cystite.slug, chutes.slug) == ("protocole-cystite", "protocole-chutes")

    body = chutes.latest_revision.content["body"]
    image, pdf = chutes.attachments.order_by("pk")
    assert f"![Grille](fichier:{image.pk})" in body
    assert f"[la fiche](/guide/protocole-chutes/fichiers/{pdf.pk}/)" in body
    assert "## Outils" in body and "caption" not in body and "wp:paragraph" not in body
    warnings = {p.slug: p.warnings for p in report.imported}
    assert (
        f"Fichier de l'ancien site absent de l'import (lien conservé) : {UPLOADS}/absente.pdf"
        in (warnings["protocole-chutes"])
    )
    assert "Codes courts WordPress non convertis : [gallery]" in warnings["protocole-chutes"]
    assert "Page « draft » sur WordPress." in warnings["brouillon"]
    assert ("dossier uploads", "1 fichier(s) auxquels aucune page ne renvoie : non importés") in (
        report.failed
    )
    assert any("post (1)" in reason for _source, reason in report.failed)


@pytest.mark.django_db
def test_importing_the_export_again_makes_new_versions(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import_documents({"site.xml": EXPORT}, by=staff)
    count = Page.objects.count()
    report = import_documents({"site.xml": EXPORT}, by=staff)
    assert Page.objects.count() == count
    assert all(page.updated for page in report.imported)
    assert Page.objects.get(slug="protocole-chutes").revisions.count() == 2
