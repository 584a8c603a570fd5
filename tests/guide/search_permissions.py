"""Permission cases of the guide's search, autocomplete, import and search
synonyms pages, for the guide's matrix (tests/guide/test_permissions.py).
Search and autocomplete are open to everyone (what each finds is tested in
test_search.py); the import and synonyms pages are for staff."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide.models import SearchSynonym
from tests.matrix import expect, get, post, version_cases

EVERYONE = expect(200, anonymous=200)


def import_upload(ctx) -> dict:
    return {
        "files": SimpleUploadedFile("fiche.md", "# Fiche importée\n\nTexte.\n".encode()),
        TOKEN_FIELD: new_token(),
    }


def synonym(ctx) -> dict:
    """A synonyms line with two versions (made once, found again after)."""
    line, created = SearchSynonym.objects.get_or_create(expressions="TLC, téléconsultation")
    if created:
        line.save_revision(by=None)
        line.expressions = "TLC, téléconsultation, consultation à distance"
        line.save()
        line.save_revision(by=None)
    return {"pk": line.pk}


def synonym_data(ctx) -> dict:
    return {"expressions": "CDS, centre de santé", TOKEN_FIELD: new_token()}


SEARCH_CASES = [
    get("guide:search", EVERYONE),
    get("guide:autocomplete", EVERYONE),
    post("guide:search", expect(405, anonymous=405)),
    post("guide:autocomplete", expect(405, anonymous=405)),
    get("guide:import", expect(403, staff=200)),
    post("guide:import", expect(403, staff=302), data=import_upload),
    get("guide:synonyms", expect(403, staff=200)),
    post("guide:synonyms", expect(403, staff=405)),
    get("guide:synonym_create", expect(403, staff=200)),
    post("guide:synonym_create", expect(403, staff=302), data=synonym_data),
    get("guide:synonym_edit", expect(403, staff=200), kwargs=synonym),
    post(
        "guide:synonym_edit",
        expect(403, staff=302),
        kwargs=synonym,
        data=lambda c: {
            "expressions": "TLC, téléconsultation, consultation vidéo",
            TOKEN_FIELD: new_token(),
        },
    ),
    *version_cases(
        "guide:synonym",
        read=expect(403, staff=200),
        restore=expect(403, staff=302),
        restore_get=expect(403, staff=405),
        kwargs=synonym,
    ),
]
