"""Importing documents as draft guide pages: the service, the command, and the
staff upload page (a sample HTML page with its image and a DOCX made here)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD
from guide.importing.importer import import_documents
from guide.models import Attachment, Page
from tests.guide.test_import_converters import PAGE_HTML, TINY_PNG, make_docx

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 100


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def site_files():
    return {
        "site/protocole.html": PAGE_HTML.encode(),
        "site/images/schema.png": TINY_PNG,
        "site/docs/fiche modele.pdf": PDF,
        "fiches/rcp.docx": make_docx(),
        "site/style.css": b"body{}",
    }


def test_each_document_becomes_a_draft_with_one_import_revision(staff):
    report = import_documents(site_files(), by=staff)

    assert sorted(p.title for p in report.imported) == [
        "La réunion de concertation",
        "Protocole de coordination",
    ]
    html_page = Page.objects.get(title="Protocole de coordination")
    assert not html_page.is_live and html_page.body == ""
    assert html_page.summary == "Comment écrire un protocole."
    revision = html_page.latest_revision
    assert html_page.revisions.count() == 1
    assert revision.comment == "Import : protocole.html" and revision.author == staff
    body = revision.content["body"]
    image, pdf = html_page.attachments.order_by("pk")
    assert (image.mime_type, pdf.mime_type) == ("image/png", "application/pdf")
    assert f"![Schéma](fichier:{image.pk})" in body
    assert f"[la fiche modèle](/guide/{html_page.slug}/fichiers/{pdf.pk}/)" in body
    assert "## Étapes" in body and "1. Choisir la situation" in body

    docx_page = Page.objects.get(title="La réunion de concertation")
    (picture,) = docx_page.attachments.all()
    assert f"](fichier:{picture.pk})" in docx_page.latest_revision.content["body"]
    assert "- envoyer l'ordre du jour" in docx_page.latest_revision.content["body"]

    imported = {p.source: p for p in report.imported}
    assert imported["site/protocole.html"].attachments == 2
    assert imported["site/protocole.html"].warnings == [
        "Image distante non importée (lien conservé) : https://exemple.fr/logo.png",
        "Fichier lié introuvable : docs/absent.pdf",
    ]
    assert report.failed == [
        (
            "site/style.css",
            "aucune page n'y renvoie, et ce n'est pas une page (Markdown, HTML ou DOCX)",
        )
    ]


def test_a_bad_document_is_reported_and_changes_nothing(staff):
    report = import_documents(
        {"casse.docx": b"pas un document Word", "bonne.md": b"# Bonne page\n\nTexte.\n"}, by=staff
    )
    assert [p.title for p in report.imported] == ["Bonne page"]
    assert report.failed == [
        ("casse.docx", "« casse.docx » : ce fichier Word est illisible (BadZipFile).")
    ]
    assert Page.objects.count() == 1


def test_a_file_refused_by_content_is_reported_and_its_label_kept(staff):
    html = b'<h1>Page</h1><p><a href="faux.pdf">le faux PDF</a></p>'
    report = import_documents({"page.html": html, "faux.pdf": b"ce n'est pas un PDF"}, by=staff)
    (page,) = report.imported
    assert "non joint" in page.warnings[0]
    assert Page.objects.get().latest_revision.content["body"].strip() == "le faux PDF"
    assert Attachment.objects.count() == 0


def test_front_matter_of_markdown_sets_kind_themes_and_audience(staff):
    text = (
        b"---\ntitle: Fiche RCP\nkind: fiche\nthemes: [rcp, inconnu]\n"
        b"audience: adherents\n---\nTexte"
    )
    import_documents({"rcp.md": text}, by=staff)
    content = Page.objects.get().latest_revision.content
    assert (content["kind"], content["themes"], content["audience"]) == (
        "fiche",
        ["rcp"],
        "adherents",
    )


def test_command_imports_a_folder_and_prints_the_report(staff, tmp_path):
    folder = tmp_path / "export"
    for path, data in site_files().items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    out = io.StringIO()
    call_command("import_guide", str(folder), "--by", staff.email, stdout=out)
    text = out.getvalue()
    assert "Importée : site/protocole.html" in text
    assert "2 page(s) importée(s) en brouillon, 1 fichier(s) non importé(s)." in text
    assert Page.objects.filter(is_live=False).count() == 2


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()


def test_staff_upload_page_imports_a_zip_and_shows_the_report(client_for, staff):
    client = client_for(staff)
    url = reverse("guide:import")
    assert f'href="{url}"' in client.get(reverse("guide:index")).content.decode()
    form = client.get(url)
    assert form.status_code == 200
    token = form.context["form"][TOKEN_FIELD].value()
    upload = SimpleUploadedFile("site.zip", zip_of(site_files()), "application/zip")
    response = client.post(url, {"files": [upload], TOKEN_FIELD: token})
    assert response.status_code == 302 and response.url == url
    assert Page.objects.count() == 2

    page = client.get(url)
    html = page.content.decode()
    assert "Rapport du dernier import" in html
    assert "Protocole de coordination" in html and "site/style.css" in html

    again = client.post(
        url,
        {"files": [SimpleUploadedFile("site.zip", zip_of(site_files()))], TOKEN_FIELD: token},
    )
    assert again.status_code == 302 and Page.objects.count() == 2


def test_upload_page_refuses_unknown_formats_in_french(client_for, staff):
    client = client_for(staff)
    url = reverse("guide:import")
    token = client.get(url).context["form"][TOKEN_FIELD].value()
    response = client.post(
        url, {"files": [SimpleUploadedFile("tableau.exe", b"MZ")], TOKEN_FIELD: token}
    )
    assert response.status_code == 200
    assert "Format non pris en charge : tableau.exe" in response.content.decode()
    assert Page.objects.count() == 0
