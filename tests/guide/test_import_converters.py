"""Markdown, HTML and DOCX → Markdown, assets and warnings (no database)."""

import io

import docx
import pytest
from PIL import Image

from guide.importing import UnsupportedDocument, convert

PAGE_HTML = """<!doctype html>
<html lang="fr"><head><title>GECO Lib' — fiches</title>
<meta name="description" content="Comment écrire un protocole."></head>
<body><nav><a href="/">Accueil</a></nav>
<article><div class="entry-content">
<h1>Protocole de coordination</h1>
<p>Un <strong>protocole</strong> dit qui fait quoi, quand et comment.</p>
<h2>Étapes</h2>
<ol><li>Choisir la situation</li><li>Rédiger</li></ol>
<p><img src="images/schema.png" alt="Schéma"> <img src="https://exemple.fr/logo.png" alt="logo">
<a href="docs/fiche%20modele.pdf">la fiche modèle</a> <a href="docs/absent.pdf">absent</a>
<a href="https://www.has-sante.fr/">HAS</a></p>
</div></article><footer>Mentions légales</footer></body></html>
"""


def test_html_keeps_headings_lists_and_brings_local_files_in():
    files = {"images/schema.png": b"\x89PNG...", "docs/fiche modele.pdf": b"%PDF-1.4"}
    result = convert("site/protocole.html", PAGE_HTML.encode(), files.get)

    assert result.title == "Protocole de coordination"
    assert result.summary == "Comment écrire un protocole."
    assert "## Étapes" in result.markdown
    assert "1. Choisir la situation" in result.markdown
    assert "**protocole**" in result.markdown
    assert "![Schéma](attachment:schema.png)" in result.markdown
    assert "[la fiche modèle](attachment:fiche-modele.pdf)" in result.markdown
    assert "[HAS](https://www.has-sante.fr/)" in result.markdown
    assert "Accueil" not in result.markdown and "Mentions légales" not in result.markdown
    assert [(a.name, a.data) for a in result.assets] == [
        ("schema.png", b"\x89PNG..."),
        ("fiche-modele.pdf", b"%PDF-1.4"),
    ]
    assert result.warnings == [
        "Image distante non importée (lien conservé) : https://exemple.fr/logo.png",
        "Fichier lié introuvable : docs/absent.pdf",
    ]


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("La réunion de concertation", 1)
    document.add_paragraph("Une RCP se prépare avec un ordre du jour.")
    document.add_heading("Avant la réunion", 2)
    document.add_paragraph("envoyer l'ordre du jour", style="List Bullet")
    document.add_paragraph("réserver la salle", style="List Bullet")
    picture = io.BytesIO(TINY_PNG)
    document.add_picture(picture)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


TINY_PNG = png_bytes()


def test_docx_keeps_headings_lists_and_images():
    result = convert("rcp.docx", make_docx())

    assert result.title == "La réunion de concertation"
    assert "## Avant la réunion" in result.markdown
    assert "- envoyer l'ordre du jour" in result.markdown
    assert "](attachment:image-1.png)" in result.markdown
    assert [a.name for a in result.assets] == ["image-1.png"]
    assert result.assets[0].data == TINY_PNG


def test_markdown_front_matter_and_local_references():
    text = "---\ntitle: La RCP\nsummary: En bref\nthemes: [rcp]\n---\n\nVoir ![plan](plan.png).\n"
    result = convert("rcp.md", text.encode(), {"plan.png": b"png"}.get)

    assert (result.title, result.summary, result.meta) == ("La RCP", "En bref", {"themes": ["rcp"]})
    assert result.markdown == "Voir ![plan](attachment:plan.png).\n"


def test_markdown_without_front_matter_takes_its_first_heading():
    result = convert("fiche.md", b"# Ma fiche\n\nTexte.\n")
    assert (result.title, result.markdown) == ("Ma fiche", "Texte.\n")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tableur.xlsx", b"PK", "format non pris en charge"),
        ("faux.docx", b"pas un document", "ce fichier Word est illisible"),
        ("latin.md", "é".encode("latin-1"), "pas encodé en UTF-8"),
    ],
)
def test_unreadable_documents_are_refused_in_french(name, data, message):
    with pytest.raises(UnsupportedDocument, match=message):
        convert(name, data)
