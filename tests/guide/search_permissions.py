"""Permission cases of the guide's search, autocomplete and import pages, for
the guide's matrix (tests/guide/test_permissions.py). Search and autocomplete
are open to everyone (what each finds is tested in test_search.py); the import
page is for staff."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gecolib.idempotency import TOKEN_FIELD, new_token
from tests.matrix import expect, get, post

EVERYONE = expect(200, anonymous=200)


def import_upload(ctx) -> dict:
    return {
        "files": SimpleUploadedFile("fiche.md", "# Fiche importée\n\nTexte.\n".encode()),
        TOKEN_FIELD: new_token(),
    }


SEARCH_CASES = [
    get("guide:search", EVERYONE),
    get("guide:autocomplete", EVERYONE),
    post("guide:search", expect(405, anonymous=405)),
    post("guide:autocomplete", expect(405, anonymous=405)),
    get("guide:import", expect(403, staff=200)),
    post("guide:import", expect(403, staff=302), data=import_upload),
]
