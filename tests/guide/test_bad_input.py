"""Bad input is a 400, a form error or ignored, never a 500 (issue 19,
finding 15): the guide's own parsing of its query parameters, whatever the
middleware in front of it does; imported archives read entry by entry with
size caps, their unreadable entries listed in the report."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide.importing import archives
from guide.importing.archives import ArchiveFiles, ImportSources, read_capped
from guide.importing.importer import import_documents
from guide.models import Page
from guide.params import slug_param, text_param
from tests.guide.factories import make_page
from tests.guide.test_import_converters import TINY_PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_nul_middleware(settings):
    """The guide on its own: no middleware refuses NUL bytes before it."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RefuseNulBytes" not in m]


@pytest.fixture
def sql_params():
    """Every parameter sent to the database (PostgreSQL refuses a NUL byte in one)."""
    seen: list = []

    def record(execute, sql, params, many, context):
        seen.extend(params or () if not many else [p for group in params for p in group])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def has_nul(params) -> bool:
    return any(isinstance(p, str) and "\x00" in p for p in params)


@pytest.mark.parametrize(
    ("method", "url", "params"),
    [
        ("get", "/guide/pages/", {"q": "ré\x00union"}),
        ("get", "/guide/nouvelle-page/", {"parent": "rcp\x00"}),
        ("get", "/guide/nouvelle-page/", {"parent": "12abc"}),
        ("get", "/guide/recherche/suggestions/", {"q": "ré\x00union"}),
        ("get", "/guide/recherche/", {"q": "ré\x00union"}),
    ],
)
def test_nul_bytes_in_guide_parameters_never_reach_the_database(
    without_nul_middleware, client, staff, sql_params, method, url, params
):
    make_page("Réunion de concertation", by=staff, slug="rcp")
    client.force_login(staff)
    sql_params.clear()
    response = getattr(client, method)(url, params)
    assert response.status_code < 500
    assert not has_nul(sql_params)


def test_nul_byte_in_the_preview_page_parameter(without_nul_middleware, client, staff, sql_params):
    make_page("Réunion de concertation", by=staff, slug="rcp")
    client.force_login(staff)
    sql_params.clear()
    url = reverse("markdown_preview", kwargs={"flavour": "guide"}) + "?page=rcp%00"
    response = client.post(url, {"field": "body", "body": "Texte"})
    assert response.status_code == 200 and not has_nul(sql_params)


def test_parameter_helpers():
    assert slug_param("rcp\x00") == "" and slug_param("rcp") == "rcp"
    assert slug_param("../x") == "" and slug_param("a" * 121) == ""
    assert text_param("ré\x00union ") == "réunion"


# -- archives -------------------------------------------------------------------------


def zip_bytes(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for path, data in entries.items():
            archive.writestr(path, data)
    return buffer.getvalue()


def corrupt(data: bytes, name: str) -> bytes:
    """Damage the compressed bytes of one entry (its CRC no longer matches)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    for offset in range(start + 2, start + min(info.compress_size, 12)):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def encrypt_flag(data: bytes, name: str) -> bytes:
    """Mark one entry as encrypted (general purpose flag, bit 0, in its local
    header and its central directory record), as a password-protected archive does."""
    damaged = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    damaged[info.header_offset + 6] |= 0x01
    position = data.find(b"PK\x01\x02")
    while position != -1:
        length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + length] == name.encode():
            damaged[position + 8] |= 0x01
        position = data.find(b"PK\x01\x02", position + 1)
    return bytes(damaged)


def good_pages() -> dict[str, bytes]:
    return {
        "site/bonne.md": b"# Bonne page\n\nTexte.\n",
        "site/autre.md": b"# Autre page\n\n![Logo](logo.png)\n",
        "site/logo.png": TINY_PNG,
    }


def test_a_corrupted_entry_is_reported_and_the_rest_imported(staff):
    data = zip_bytes(good_pages() | {"site/casse.md": b"# Casse\n\n" + b"texte " * 200})
    with ImportSources([SimpleUploadedFile("site.zip", corrupt(data, "site/casse.md"))]) as src:
        report = import_documents(src.files, by=staff)
    assert sorted(p.title for p in report.imported) == ["Autre page", "Bonne page"]
    assert report.failed == [("site/casse.md", "fichier endommagé dans l'archive : illisible")]


def test_a_corrupted_image_is_reported_with_its_reason(staff):
    data = zip_bytes(good_pages() | {"site/logo.png": TINY_PNG * 20})
    with ImportSources([SimpleUploadedFile("site.zip", corrupt(data, "site/logo.png"))]) as src:
        report = import_documents(src.files, by=staff)
    assert [p.title for p in report.imported if p.attachments == 0] == ["Autre page", "Bonne page"]
    assert ("site/logo.png", "fichier endommagé dans l'archive : illisible") in report.failed


def test_an_encrypted_entry_is_refused_in_french(staff):
    data = encrypt_flag(
        zip_bytes(good_pages() | {"site/secret.md": b"# Secret\n"}), "site/secret.md"
    )
    with ImportSources([SimpleUploadedFile("site.zip", data)]) as sources:
        report = import_documents(sources.files, by=staff)
        refused = sources.refused
    assert refused == [
        ("site/secret.md", "fichier chiffré (protégé par un mot de passe) : non importé")
    ]
    assert sorted(p.title for p in report.imported) == ["Autre page", "Bonne page"]


def test_the_upload_page_lists_unreadable_entries_and_imports_the_rest(client, staff):
    data = zip_bytes(good_pages() | {"site/casse.md": b"# Casse\n\n" + b"texte " * 200})
    data = encrypt_flag(corrupt(data, "site/casse.md"), "site/bonne.md")
    client.force_login(staff)
    url = reverse("guide:import")
    response = client.post(
        url, {"files": [SimpleUploadedFile("site.zip", data)], TOKEN_FIELD: new_token()}
    )
    assert response.status_code == 302
    assert list(Page.objects.values_list("title", flat=True)) == ["Autre page"]
    html = client.get(url).text.replace("&#x27;", "'")
    assert "site/casse.md</strong> : fichier endommagé dans l'archive" in html
    assert "site/bonne.md</strong> : fichier chiffré" in html


def test_an_entry_over_the_cap_is_refused_without_being_read(staff, monkeypatch):
    monkeypatch.setattr(archives, "MAX_ENTRY_SIZE", 1000)
    data = zip_bytes(good_pages() | {"site/enorme.md": b"# Enorme\n" + b"x" * 5000})
    with ImportSources([SimpleUploadedFile("site.zip", data)]) as sources:
        report = import_documents(sources.files, by=staff)
        assert sources.refused == [
            ("site/enorme.md", "plus de 0 Mo une fois décompressé : non importé")
        ]
    assert sorted(p.title for p in report.imported) == ["Autre page", "Bonne page"]


def test_decompression_is_streamed_and_stops_at_the_cap():
    with pytest.raises(archives.UnreadableEntry):
        read_capped(io.BytesIO(b"x" * 5000), limit=1000)
    # A size the archive's directory understates: the stream stops at the
    # declared size, and the entry is refused as damaged, never read whole.
    payload = b"x" * 200_000
    data = bytearray(zip_bytes({"grand.md": payload}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("grand.md")
    central = bytes(data).find(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")  # uncompressed size
    data[info.header_offset + 22 : info.header_offset + 26] = (100).to_bytes(4, "little")
    files = ArchiveFiles("lie.zip", io.BytesIO(bytes(data)))
    with pytest.raises(archives.UnreadableEntry):
        files["grand.md"]


def test_a_big_archive_is_never_held_in_memory(staff):
    """25 MB of text compress to a few kilobytes: the entry is refused from the
    archive's directory, nothing of it is decompressed."""
    data = zip_bytes({"enorme.md": b"# Enorme\n" + b"a" * (25 * 1024 * 1024), **good_pages()})
    assert len(data) < 100_000
    tracemalloc.start()
    try:
        with ImportSources([SimpleUploadedFile("site.zip", data)]) as sources:
            report = import_documents(sources.files, by=staff)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024
    assert sources.refused[0][0] == "enorme.md"
    assert len(report.imported) == 2


def test_an_unreadable_archive_is_reported_whole():
    sources = ImportSources([SimpleUploadedFile("site.zip", b"PK pas une archive")])
    assert sources.refused == [("site.zip", "« site.zip » n'est pas une archive ZIP lisible.")]
