"""gecolib.pdf: the print base template and the PDF download response."""

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from gecolib.pdf import content_disposition, pdf_response
from tests.tagged_pdfs import pdf_accessibility_faults

CHILD = """{% extends "print/base.html" %}
{% block title %}Compte rendu de RCP{% endblock %}
{% block header_left %}MSP de Plœmeur{% endblock %}
{% block header_right %}Compte rendu{% endblock %}
{% block footer_left %}séance du 3 mars{% endblock %}
{% block cover %}
<section class="cover"><h1 class="cover-title">{{ title }}</h1></section>
{% endblock %}
{% block content %}
<section class="part"><h1>Décisions</h1><p>Revoir le cas RCP-12 ; date : mardi.</p></section>
{% endblock %}
"""


@pytest.fixture
def print_templates(settings, tmp_path):
    """A document extending print/base.html, as protocols or RCP minutes will."""
    (tmp_path / "document.html").write_text(CHILD, encoding="utf-8")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]


def pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_pdf_response_headers_and_bytes(print_templates):
    response = pdf_response("document.html", {"title": "Séance de mars"}, "rcp_2026-03-03.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rcp_2026-03-03.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")


def test_base_template_header_footer_and_blocks(print_templates):
    response = pdf_response("document.html", {"title": "Séance de mars"}, "rcp.pdf")
    first, second = pages_text(response.content)
    # The cover: no running header, the footer with the page numbers in French.
    assert "Séance de mars" in first
    assert "MSP de Plœmeur" not in first
    assert "séance du 3 mars" in first and "page 1 / 2" in first
    # Then the header from the blocks on every page.
    assert "MSP de Plœmeur" in second and "Compte rendu" in second
    assert "Décisions" in second and "page 2 / 2" in second
    assert PdfReader(io.BytesIO(response.content)).metadata.title == "Compte rendu de RCP"


def test_base_template_alone_renders():
    """Every block is optional: the base renders with no context at all."""
    response = pdf_response("print/base.html", {}, "vide.pdf", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="vide.pdf"'
    assert pages_text(response.content) == ["page 1 / 1"]


def test_filename_with_accents_gets_an_ascii_name_and_a_utf8_one(print_templates):
    response = pdf_response("document.html", {"title": "x"}, "Compte rendu – Plœmeur été.pdf")
    assert response["Content-Disposition"] == (
        'attachment; filename="Compte rendu - Ploemeur ete.pdf"; '
        "filename*=UTF-8''Compte%20rendu%20%E2%80%93%20Pl%C5%93meur%20%C3%A9t%C3%A9.pdf"
    )


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ('a"b.pdf', 'attachment; filename="a_b.pdf"'),
        ("../../etc/passwd.pdf", 'attachment; filename=".._.._etc_passwd.pdf"'),
        (
            "nom\r\nSet-Cookie: x.pdf",
            'attachment; filename="nom_Set-Cookie_ x.pdf"; '
            "filename*=UTF-8''nom_Set-Cookie%3A%20x.pdf",
        ),
        ("", 'attachment; filename="document.pdf"'),
        (
            "日本.pdf",
            "attachment; filename=\"document.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf",
        ),
    ],
)
def test_content_disposition_cannot_be_broken(filename, expected):
    assert content_disposition(filename) == expected


def test_every_pdf_is_tagged_for_screen_readers(print_templates):
    """PDF/UA-1: a structure tree whose headings and paragraphs follow the
    document, marked content, the language and the title shown by the reader.
    The permission matrices run the same check on every PDF address."""
    response = pdf_response("document.html", {"title": "Séance de mars"}, "rcp.pdf")
    assert pdf_accessibility_faults(response) == []
    catalog = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert str(catalog["/Lang"]) == "fr"
    roles = set()

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict):
            if "/S" in element:
                roles.add(str(element["/S"]))
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(catalog["/StructTreeRoot"])
    assert {"/H1", "/P"} <= roles

    untagged = response.__class__(
        HTML(string="<html><body><p>x</p></body></html>").write_pdf(),
        content_type="application/pdf",
    )
    assert pdf_accessibility_faults(untagged) == [
        "pas d'arbre de structure",
        "contenu non marqué (/MarkInfo)",
        "langue absente (/Lang fr)",
        "titre absent",
        "titre non affiché (/DisplayDocTitle)",
    ]
