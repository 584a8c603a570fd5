"""The import respects its source: Word's title style, tables without a header
row, a repeated "# Titre", front-matter values the guide does not know, and a
document imported again (a new version of its page, or a new page)."""

import io

import docx
import pytest
from bs4 import BeautifulSoup

from guide.importing import convert
from guide.importing.importer import ON_EXISTING_NEW, import_documents
from guide.importing.tables import looks_like_header
from guide.models import Page


def docx_with_title(style: str = "Title") -> bytes:
    document = docx.Document()
    if style == "Title":
        document.add_heading("Fiche de poste du coordinateur", 0)  # Word's "Title" style
    else:
        document.styles.add_style(style, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        document.add_paragraph("Fiche de poste du coordinateur", style=style)
    document.add_paragraph("Version de janvier", style="Subtitle")
    document.add_heading("Missions", 1)
    document.add_paragraph("Animer l'équipe.")
    table = document.add_table(rows=3, cols=2)
    values = [("Temps de travail", "0,5 ETP"), ("Lieu", "MSP de Redon"), ("Statut", "CDI")]
    for row, (label, value) in zip(table.rows, values, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("style", ["Title", "Titre"])
def test_word_title_style_is_the_page_title_and_headings_stay(style):
    result = convert("poste.docx", docx_with_title(style))
    assert result.title == "Fiche de poste du coordinateur"
    assert "# Missions" in result.markdown
    assert "Fiche de poste du coordinateur" not in result.markdown


def test_word_subtitle_is_the_summary():
    assert convert("poste.docx", docx_with_title()).summary == "Version de janvier"


def test_a_table_of_labels_and_values_becomes_a_list_not_an_empty_header():
    result = convert("poste.docx", docx_with_title())
    assert "| --- |" not in result.markdown and "|  |" not in result.markdown
    assert "- **Temps de travail** : 0,5 ETP" in result.markdown
    assert any("Tableau sans ligne d'en-tête" in w for w in result.warnings)


def html_table(rows, *, bold_first=False):
    cells = []
    for n, row in enumerate(rows):
        tds = "".join(
            f"<td><strong>{c}</strong></td>" if bold_first and n == 0 else f"<td>{c}</td>"
            for c in row
        )
        cells.append(f"<tr>{tds}</tr>")
    return f"<h1>Page</h1><table>{''.join(cells)}</table>".encode()


def test_a_first_row_that_looks_like_a_header_becomes_the_header():
    rows = [["Profession", "Rôle"], ["Médecin", "Prescrit le traitement de fond."]]
    result = convert("page.html", html_table(rows))
    assert "| Profession | Rôle |\n| --- | --- |" in result.markdown
    assert "| Médecin | Prescrit le traitement de fond. |" in result.markdown
    assert not result.warnings

    bold = convert(
        "page.html", html_table([["Jour", "Heure"], ["Lundi", "Mardi"]], bold_first=True)
    )
    assert "| Jour | Heure |\n| --- | --- |" in bold.markdown


def test_what_looks_like_a_header():
    def rows(html):
        table = BeautifulSoup(html, "html.parser").table
        return [row.find_all("td") for row in table.find_all("tr")]

    assert looks_like_header(rows("<table><tr><td>Nom</td></tr><tr><td>2 ETP</td></tr></table>"))
    assert not looks_like_header(rows("<table><tr><td>Durée</td><td>30 min</td></tr></table>"))
    assert not looks_like_header(
        rows("<table><tr><td>Lundi</td></tr><tr><td>Mardi</td></tr></table>")
    )


def test_a_leading_title_equal_to_the_front_matter_title_is_dropped():
    text = "---\ntitle: La RCP\n---\n\n# La RCP\n\nTexte.\n\n# Autre partie\n"
    result = convert("rcp.md", text.encode())
    assert result.title == "La RCP"
    assert result.markdown == "Texte.\n\n# Autre partie\n"
    other = convert("rcp.md", b"---\ntitle: La RCP\n---\n\n# Sommaire\n\nTexte.\n")
    assert other.markdown.startswith("# Sommaire")


@pytest.mark.django_db
def test_unknown_front_matter_values_are_listed_in_the_report(staff):
    text = (
        "---\ntitle: Fiche\nkind: roman\nthemes: [rcp, sante-publique]\n"
        "audience: tous\nparent: nulle-part\nauteur: Camille\n---\nTexte\n"
    )
    report = import_documents({"fiche.md": text.encode()}, by=staff)
    (page,) = report.imported
    assert "thème inconnu : sante-publique" in page.warnings
    assert "type inconnu : roman" in page.warnings
    assert "public inconnu : tous" in page.warnings
    assert "page parente introuvable : nulle-part" in page.warnings
    assert "champ inconnu, ignoré : auteur" in page.warnings
    assert Page.objects.get().latest_revision.content["themes"] == ["rcp"]


@pytest.mark.django_db
def test_importing_the_same_file_again_updates_its_page(staff):
    first = import_documents({"rcp.md": b"# La RCP\n\nPremier texte.\n"}, by=staff)
    assert not first.imported[0].updated
    again = import_documents({"rcp.md": b"# La RCP\n\nTexte revu.\n"}, by=staff)
    (imported,) = again.imported
    page = Page.objects.get()
    assert imported.updated and imported.slug == page.slug
    assert imported.warnings[0].startswith("Page existante mise à jour : version 2")
    assert page.revisions.count() == 2
    assert page.latest_revision.content["body"] == "Texte revu.\n"
    assert page.latest_revision.comment == "Import : rcp.md (mise à jour)"


@pytest.mark.django_db
def test_a_renamed_file_with_the_same_title_updates_too_unless_a_new_page_is_asked(staff):
    import_documents({"rcp.md": b"# La RCP\n\nTexte.\n"}, by=staff)
    import_documents({"rcp-2026.md": b"# La RCP\n\nTexte 2026.\n"}, by=staff)
    assert Page.objects.count() == 1
    report = import_documents(
        {"rcp.md": b"# La RCP\n\nCopie.\n"}, by=staff, on_existing=ON_EXISTING_NEW
    )
    (imported,) = report.imported
    assert not imported.updated
    assert "Nouvelle page créée à côté de la page existante « La RCP »." in imported.warnings
    assert Page.objects.count() == 2
