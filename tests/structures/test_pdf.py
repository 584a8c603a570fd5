"""The health project PDF: text, typography, fonts, file name."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gecolib.pdf import NBSP, NNBSP, french_typography, html_to_pdf, render_html
from structures.documents import document_context
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.factories import MembershipFactory, profession

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def project(structure, coordinator, member):
    project = HealthProject.objects.create(structure=structure)
    project.save_revision(
        {
            Section.TERRITORY: "Le territoire compte 12 communes : une population âgée.",
            Section.HEALTH_NEEDS: "Besoins : prévention des chutes ; vaccination ! "
            "Quelle réponse aux « soins non programmés » ?",
            Section.PREVENTION: "Actions menées à Plœmeur, déjà évaluées ; garçon, élève, "
            "cœur — à l'écoute.",
            Section.QUALITY: "Enquête de satisfaction.\n\n<script>alert('x')</script>",
        },
        by=coordinator,
        comment="Première rédaction",
    )
    return project


def test_typography_only_in_text():
    html = (
        '<p title="a : b">Note : voir « ceci » ; ok ? oui ! 10:30 https://x.fr</p>'
        "<style>a { b : c; }</style>"
    )
    result = french_typography(html)
    assert f"Note{NBSP}: voir «{NNBSP}ceci{NNBSP}»{NNBSP}; ok{NNBSP}? oui{NNBSP}!" in result
    assert 'title="a : b"' in result
    assert "a { b : c; }" in result
    assert "10:30 https://x.fr" in result


def test_pdf_contents(client_for, coordinator, project, structure):
    MembershipFactory(structure=structure, user__profession=profession("70"))
    response = client_for(coordinator).get(
        reverse("structures:health_project_pdf", args=[structure.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="projet-de-sante_esp-des-abers_v1_\d{4}-\d{2}-\d{2}\.pdf"',
        disposition,
    )
    reader, text = pdf_text(response.content)
    pages = len(reader.pages)
    assert pages > 1
    # Section titles of the three parts of the ARS template, and the structure.
    for title in [
        "1. Diagnostic",
        "2. Projet professionnel",
        "3. Projet de soins",
        "1.1 Territoire et population",
        "3.5 Qualité et implication des usagers",
        "Sommaire",
    ]:
        assert title in text
    assert "ESP des Abers" in text
    # Accents and ligatures survive.
    for word in ["déjà", "élève", "garçon", "cœur", "Plœmeur", "à l'écoute"]:
        assert word in text, word
    # Footer on every page, with the total.
    assert f"page 1 / {pages}" in text
    assert f"page {pages} / {pages}" in text
    # Team table by profession.
    assert "Masseur-kinésithérapeute" in text
    # Raw HTML written in a section is shown as text, escaped once.
    assert "Enquête de satisfaction" in text
    assert "&lt;" not in text and "&gt;" not in text


def test_pdf_html_has_non_breaking_spaces(client_for, member, project, structure, monkeypatch):
    """The HTML given to WeasyPrint carries the non-breaking spaces (in the PDF
    they are drawn with the space glyph, so text extraction shows a plain space)."""
    import gecolib.pdf

    seen = []
    real = gecolib.pdf.html_to_pdf
    monkeypatch.setattr(gecolib.pdf, "html_to_pdf", lambda html: seen.append(html) or real(html))
    response = client_for(member).get(reverse("structures:health_project_pdf", args=[structure.pk]))
    assert response.status_code == 200
    (html,) = seen
    assert f"communes{NBSP}: une population" in html
    assert f"Besoins{NBSP}: prévention des chutes{NNBSP}; vaccination{NNBSP}!" in html
    assert f"aux «{NNBSP}soins non programmés{NNBSP}»{NNBSP}?" in html
    assert "communes :" not in html


def _line_texts(html: str) -> list[str]:
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    lines = []

    def walk(box):
        if isinstance(box, LineBox):
            lines.append("".join(b.text for b in box.descendants() if isinstance(b, TextBox)))
            return
        for child in getattr(box, "children", []):
            walk(child)

    for page in HTML(string=html).render().pages:
        walk(page._page_box)
    return lines


def test_laid_out_text_keeps_non_breaking_spaces():
    """What WeasyPrint lays out (the PDF's text) keeps the non-breaking spaces,
    and a line never starts with the punctuation."""
    words = " ".join(f"mot{i} : suite{i} ; fin{i} ? « cité{i} »" for i in range(30))
    html = french_typography(f'<p style="width: 7em; font-size: 12pt">{words}</p>')
    lines = _line_texts(html)
    assert len(lines) > 10
    text = "".join(lines)
    assert f"mot3{NBSP}:" in text and f"suite3{NNBSP};" in text and f"«{NNBSP}cité3{NNBSP}»" in text
    assert " :" not in text and " ;" not in text and " ?" not in text
    assert not any(line.lstrip().startswith((":", ";", "?", "»")) for line in lines)


def test_render_pdf_loads_shipped_fonts(project, structure):
    pdf = html_to_pdf(
        render_html(
            "structures/health_project/pdf.html",
            {
                "structure": structure,
                "project": project,
                "version": project.latest_version(),
                **document_context(structure, project.sections),
            },
        )
    )
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages[:4]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Source-Serif-4" in f for f in fonts), fonts
    assert any("Source-Sans-3" in f for f in fonts), fonts


def test_version_pdf_file_name(client_for, coordinator, project, structure):
    project.save_section(Section.ACCESS, "Soins non programmés chaque jour.", by=coordinator)
    response = client_for(coordinator).get(
        reverse("structures:health_project_version_pdf", args=[structure.pk, 1])
    )
    assert response.status_code == 200
    assert "_v1_" in response["Content-Disposition"]
    _, text = pdf_text(response.content)
    assert "Soins non programmés chaque jour" not in text
    assert "version 1 du" in text


def test_section_headings_sit_below_the_section_title(project, structure):
    context = document_context(
        structure, {Section.TERRITORY.value: "# Communes\n\n###### Détail\n\nTexte."}
    )
    (territory,) = [s for s in context["parts"][0]["sections"] if s["key"] == Section.TERRITORY]
    assert territory["html"].startswith("<h4>Communes</h4>\n<h6>Détail</h6>")


def test_running_header_from_page_two(client_for, member, project, structure):
    response = client_for(member).get(reverse("structures:health_project_pdf", args=[structure.pk]))
    reader, _ = pdf_text(response.content)
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert response["Cache-Control"] == "private, no-store"
    assert "Projet de santé" in first and "version 1 du" in first
    assert second.count("ESP des Abers") == 1 and "Projet de santé" in second
    assert "version 1 du" in second
