"""Attachments: checked by content, 20 MB at most, nothing stored when refused,
served by audience, deleted only when no revision uses them."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide import services
from guide.enums import Audience
from guide.models import Attachment
from guide.models.attachments import MAX_SIZE
from tests.guide.factories import make_page, png_upload

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Indicateur"
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("fiche.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"),
        (
            "fiche.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "tableau.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("schema.png", png_upload().read(), "image/png"),
    ],
)
def test_accepted_types_are_read_from_the_content(staff, settings, name, content, mime):
    page = make_page("Page", by=staff)
    item = services.attach(page, SimpleUploadedFile(name, content), by=staff)
    assert item.mime_type == mime and item.original_name == name
    assert name not in item.file.name and item.file.name.startswith("guide/")


def test_a_renamed_file_is_refused_in_french_and_nothing_is_stored(client, staff, settings):
    page = make_page("Page", by=staff)
    client.force_login(staff)
    fake = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 executable pretending to be a PDF")
    response = client.post(
        reverse("guide:page_attachments", args=[page.slug]),
        {"file": fake, TOKEN_FIELD: new_token()},
    )
    assert response.status_code == 400
    assert "pas d&#x27;un type accepté" in response.text
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_a_file_over_20_mb_is_refused(staff, settings):
    page = make_page("Page", by=staff)
    big = SimpleUploadedFile("gros.png", png_upload().read() + b"\x00" * MAX_SIZE)
    with pytest.raises(ValidationError, match="20 Mo"):
        services.attach(page, big, by=staff)
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_members_only_file_is_served_to_members_only(client, staff, member, professional):
    page = make_page("Fiche de poste", by=staff, audience=Audience.ADHERENTS)
    item = services.attach(page, png_upload(), by=staff)
    services.publish(page, by=staff)
    url = reverse("guide:attachment", args=[page.slug, item.pk])
    assert client.get(url).status_code == 404
    client.force_login(professional)
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_image_embedded_in_the_body(client, staff):
    page = make_page("Page", by=staff, live=False)
    item = services.attach(page, png_upload(), by=staff)
    services.save_revision(
        page,
        page.draft_content() | {"body": f"![Schéma]({item.reference})"},
        by=staff,
        base_revision=page.latest_revision.number,
    )
    services.publish(page, by=staff)
    html = client.get(page.get_absolute_url()).text
    src = reverse("guide:attachment", args=[page.slug, item.pk])
    assert f'<img src="{src}" alt="Schéma">' in html


def test_an_attachment_used_by_a_revision_is_only_detached(client, staff, settings):
    page = make_page("Page", by=staff)
    used = services.attach(page, png_upload("utilise.png"), by=staff)
    unused = services.attach(page, png_upload("inutile.png"), by=staff)
    services.save_revision(
        page,
        page.draft_content() | {"body": f"![Schéma]({used.reference})"},
        by=staff,
        base_revision=page.latest_revision.number,
    )
    client.force_login(staff)
    client.post(reverse("guide:attachment_delete", args=[page.slug, used.pk]))
    client.post(reverse("guide:attachment_delete", args=[page.slug, unused.pk]))
    used.refresh_from_db()
    assert used.detached_at is not None and used.file.storage.exists(used.file.name)
    assert not Attachment.objects.filter(pk=unused.pk).exists()
    # The image kept and its thumbnail; the other image and its thumbnail deleted.
    assert sorted(path.parent.name for path in stored_files(settings)) == ["guide", "vignettes"]


def test_a_double_click_attaches_once(client, staff):
    page = make_page("Page", by=staff)
    client.force_login(staff)
    token = new_token()
    url = reverse("guide:page_attachments", args=[page.slug])
    for _ in range(2):
        response = client.post(url, {"file": png_upload(), TOKEN_FIELD: token})
        assert response.status_code == 302
    assert Attachment.objects.count() == 1


def test_the_preview_shows_the_pages_own_images(client, staff):
    page = make_page("Page", by=staff)
    item = services.attach(page, png_upload(), by=staff)
    client.force_login(staff)
    edit = client.get(reverse("guide:page_edit", args=[page.slug])).text
    preview_url = f"{reverse('markdown_preview', kwargs={'flavour': 'guide'})}?page={page.slug}"
    assert preview_url in edit
    response = client.post(preview_url, {"field": "body", "body": f"![Plan]({item.reference})"})
    assert f'src="{reverse("guide:attachment", args=[page.slug, item.pk])}"' in response.text
