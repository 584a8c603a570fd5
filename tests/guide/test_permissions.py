"""Permission matrix: every role of the cast against every URL of the guide.

Readers: visitors read public pages; signed-in professionals also the
"connectés" pages; adherents (members of a structure, facilitators, staff) the
"adhérents" pages too. Editors (staff in the cast; rédacteurs are tested in
test_views.py) reach drafts, history and every editing action. An editing
action on a page one reads answers 403; on a page one does not see, 404."""

import pytest

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide import services
from guide.enums import Audience
from guide.models import GuideEditor, Suggestion
from tests.factories import UserFactory
from tests.guide.factories import make_page, png_upload
from tests.guide.search_permissions import SEARCH_CASES
from tests.matrix import LOGIN, expect, get, matrix_test, post, version_cases

pytestmark = pytest.mark.django_db

NOT_ADHERENT = {"professional": 404}
STAFF_GET = expect(403, staff=200)
STAFF_POST = expect(403, staff=302)
# Editing actions on a page no one but editors sees.
HIDDEN_GET = expect(404, staff=200)
HIDDEN_POST = expect(404, staff=302)
WRONG_METHOD = expect(405)
EVERYONE = expect(200, anonymous=200)


def module_context(world):
    staff = world["staff"]
    public = make_page("Créer une ESP", body="# Étapes\n\nSix étapes.", by=staff)
    image = services.attach(public, png_upload(), by=staff)
    services.publish(public, by=staff)  # the file goes online with the page
    services.save_revision(
        public,
        public.draft_content() | {"body": "# Étapes\n\nSix étapes, avec la CARPEC."},
        by=staff,
        base_revision=1,
    )
    members = make_page("Fiche de poste du coordinateur", by=staff, audience=Audience.ADHERENTS)
    members_file = services.attach(members, png_upload("poste.png"), by=staff)
    services.publish(members, by=staff)
    connected = make_page("Outils numériques", by=staff, audience=Audience.CONNECTES)
    draft = make_page("Brouillon", by=staff, live=False)
    archived = make_page("Ancienne page", by=staff)
    services.archive(archived, by=staff)
    suggestion = Suggestion.objects.create(
        page=public, title="Ajouter la CARPEC", text="Texte.", author=world["member"]
    )
    suggestion.mime_type = "image/png"
    suggestion.original_name = "photo.png"
    suggestion.file.save("photo.png", png_upload(), save=True)
    editor = GuideEditor.objects.create(user=UserFactory(email="redactrice@exemple.fr"))
    return {
        "public": public,
        "image": image,
        "members": members,
        "members_file": members_file,
        "connected": connected,
        "draft": draft,
        "archived": archived,
        "suggestion": suggestion,
        "editor": editor,
    }


def slug(key):
    return lambda c: {"slug": c[key].slug}


def page_content(c):
    return {
        "title": "Créer une ESP",
        "summary": "",
        "body": "Texte revu.",
        "kind": "fiche",
        "themes": ["structures"],
        "audience": "public",
        "parent": "",
        "slug": c["public"].slug,
        "review_months": 12,
        "base_revision": c["public"].latest_revision.number,
        "comment": "",
        "action": "save",
    }


def suggestion_data(c):
    return {"title": "Idée", "text": "Notre expérience.", TOKEN_FIELD: new_token()}


CASES = [
    get("guide:index", EVERYONE),
    get("guide:sitemap", EVERYONE),
    get("guide:page", EVERYONE, kwargs=slug("public")),
    get(
        "guide:page",
        expect(200, anonymous=404),
        kwargs=slug("connected"),
        label="page-connected",
    ),
    get(
        "guide:page",
        expect(200, anonymous=404, **NOT_ADHERENT),
        kwargs=slug("members"),
        label="page-members",
    ),
    get("guide:page", expect(404, anonymous=404, staff=200), kwargs=slug("draft"), label="draft"),
    get(
        "guide:page",
        expect(410, anonymous=410, staff=200),
        kwargs=slug("archived"),
        label="archived",
    ),
    get("guide:page_pdf", EVERYONE, kwargs=slug("public")),
    get(
        "guide:page_pdf",
        expect(200, anonymous=404, **NOT_ADHERENT),
        kwargs=slug("members"),
        label="pdf-members",
    ),
    get("guide:page_pdf", expect(404, anonymous=404), kwargs=slug("draft"), label="pdf-draft"),
    get(
        "guide:attachment",
        EVERYONE,
        kwargs=lambda c: {"slug": c["public"].slug, "pk": c["image"].pk},
    ),
    get(
        "guide:attachment",
        expect(200, anonymous=404, **NOT_ADHERENT),
        kwargs=lambda c: {"slug": c["members"].slug, "pk": c["members_file"].pk},
        label="attachment-members",
    ),
    get("guide:page_suggestion_create", expect(200), kwargs=slug("public")),
    post("guide:page_suggestion_create", expect(302), kwargs=slug("public"), data=suggestion_data),
    get("guide:suggestion_create", expect(200)),
    post("guide:suggestion_create", expect(302), data=suggestion_data),
    # Editors' pages.
    get("guide:page_create", STAFF_GET),
    post(
        "guide:page_create",
        STAFF_POST,
        data=lambda c: page_content(c) | {"title": "Nouvelle fiche", TOKEN_FIELD: new_token()},
    ),
    # The Markdown editor's preview in the guide's flavour: editors only.
    post(
        "markdown_preview",
        expect(403, staff=200),
        kwargs={"flavour": "guide"},
        data={"field": "body", "body": "[[x]]"},
        label="markdown_preview-guide",
    ),
    get("guide:pages", STAFF_GET),
    get("guide:to_review", STAFF_GET),
    get("guide:suggestions", STAFF_GET),
    get("guide:suggestion", STAFF_GET, pk="suggestion"),
    post(
        "guide:suggestion",
        STAFF_POST,
        pk="suggestion",
        data={"answer": "Merci.", "decision": "non_retenue"},
    ),
    post("guide:suggestion_draft", STAFF_POST, pk="suggestion"),
    get("guide:suggestion_draft", expect(403, staff=405), pk="suggestion"),
    get("guide:suggestion_file", expect(404, member=200, staff=200), pk="suggestion"),
    get("guide:editors", STAFF_GET),
    post("guide:editors", STAFF_POST, data={"email": "professionnel@exemple.fr"}),
    post("guide:editor_delete", STAFF_POST, pk="editor"),
    get("guide:editor_delete", expect(403, staff=405), pk="editor"),
    get("guide:page_edit", STAFF_GET, kwargs=slug("public")),
    get("guide:page_edit", HIDDEN_GET, kwargs=slug("draft"), label="edit-draft"),
    get(
        "guide:page_edit",
        expect(403, anonymous=LOGIN, **NOT_ADHERENT, staff=200),
        kwargs=slug("members"),
        label="edit-members",
    ),
    post("guide:page_edit", STAFF_POST, kwargs=slug("public"), data=page_content),
    # The autosave of the editing form (JSON for the page's script), its discarding.
    post(
        "guide:page_autosave",
        STAFF_GET,
        kwargs=slug("public"),
        data={"title": "Créer une ESP", "body": "Texte en cours.", "base_revision": "2"},
    ),
    post("guide:page_autosave", HIDDEN_GET, kwargs=slug("draft"), label="autosave-draft"),
    get("guide:page_autosave", WRONG_METHOD, kwargs=slug("public")),
    post("guide:page_autosave_discard", STAFF_POST, kwargs=slug("public")),
    get("guide:page_autosave_discard", WRONG_METHOD, kwargs=slug("public")),
    # The preview as readers will see it: a saved version, or the form's text.
    get("guide:page_preview", STAFF_GET, kwargs=slug("public")),
    get("guide:page_preview", HIDDEN_GET, kwargs=slug("draft"), label="preview-draft"),
    post(
        "guide:page_preview",
        STAFF_GET,
        kwargs=slug("public"),
        data={"title": "Créer une ESP", "body": "# Étapes\n\nEn cours."},
    ),
    # The reviewer's page: the draft against the version online.
    get("guide:page_review_changes", STAFF_GET, kwargs=slug("public")),
    get("guide:page_review_changes", HIDDEN_GET, kwargs=slug("draft"), label="review-draft"),
    post("guide:page_publish", STAFF_POST, kwargs=slug("public")),
    post("guide:page_publish", HIDDEN_POST, kwargs=slug("draft"), label="publish-draft"),
    get("guide:page_publish", WRONG_METHOD, kwargs=slug("public")),
    post("guide:page_unpublish", STAFF_POST, kwargs=slug("public")),
    # The pages that confirm unpublishing and archiving (the dialogs without JavaScript).
    get("guide:page_unpublish", STAFF_GET, kwargs=slug("public")),
    post(
        "guide:page_schedule",
        STAFF_POST,
        kwargs=slug("public"),
        data={"publish_at": "2099-01-01T08:00"},
        label="schedule-too-far",
    ),
    post("guide:page_unschedule", STAFF_POST, kwargs=slug("public")),
    post("guide:page_archive", STAFF_POST, kwargs=slug("public")),
    get("guide:page_archive", STAFF_GET, kwargs=slug("public")),
    get("guide:page_archive", HIDDEN_GET, kwargs=slug("draft"), label="archive-draft"),
    post("guide:page_unarchive", HIDDEN_POST, kwargs=slug("archived")),
    post("guide:page_review", STAFF_POST, kwargs=slug("public")),
    post(
        "guide:page_request_changes",
        STAFF_POST,
        kwargs=slug("public"),
        data={"comment": "Ajoutez les dates."},
    ),
    *version_cases(
        "guide:page",
        read=STAFF_GET,
        restore=STAFF_POST,
        restore_get=expect(405),
        kwargs=slug("public"),
    ),
    get("guide:page_versions", HIDDEN_GET, kwargs=slug("draft"), label="versions-draft"),
    get("guide:page_attachments", STAFF_GET, kwargs=slug("public")),
    post(
        "guide:page_attachments",
        STAFF_POST,
        kwargs=slug("public"),
        data=lambda c: {"file": png_upload("plan.png"), TOKEN_FIELD: new_token()},
    ),
    post(
        "guide:attachment_delete",
        STAFF_POST,
        kwargs=lambda c: {"slug": c["public"].slug, "pk": c["image"].pk},
    ),
    get(
        "guide:attachment_delete",
        STAFF_GET,
        kwargs=lambda c: {"slug": c["public"].slug, "pk": c["image"].pk},
    ),
    # The tree of the pages: one save of the order, the keyboard's form.
    post(
        "guide:pages_reorder",
        STAFF_POST,
        data=lambda c: {"ordre": [f"{c['public'].pk}:", f"{c['connected'].pk}:"]},
    ),
    post(
        "guide:pages_place",
        STAFF_POST,
        data=lambda c: {"page": c["connected"].slug, "parent": "", "position": 1},
    ),
    get("guide:broken_links", STAFF_GET),
    # The editor's media chooser.
    get("guide:media_library", STAFF_GET, data=lambda c: {"pour": c["public"].slug}),
    post(
        "guide:media_upload",
        STAFF_POST,
        data=lambda c: {"file": png_upload("carte.png"), "pour": c["public"].slug},
    ),
    # (the members' page's file: the public page's image is deleted by a case above)
    get("guide:media_item", STAFF_GET, pk="members_file"),
    get("guide:media_file", STAFF_GET, pk="members_file"),
    post("guide:media_choose", STAFF_POST, pk="members_file", data=lambda c: {"cle": "c" * 32}),
    # Search, title suggestions and import (tests/guide/search_permissions.py).
    *SEARCH_CASES,
]

test_permission_matrix = matrix_test(CASES)
