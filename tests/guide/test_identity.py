"""No patient identity in the guide's text (issue 19, finding 16): the page's
title, summary and body, version comments, review notes, suggestions, answers
and file names go through the models' identity rule (gecolib.team_data), in
the forms and in the services alike; a name asks for a confirmation, once;
scheduled publication dates stay in 2000–2100 (principle 5)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import SentNotification
from guide import services
from guide.enums import SuggestionStatus
from guide.importing.starter import starter_documents
from guide.models import Attachment, Page, Suggestion
from guide.services.checks import content_errors
from tests.guide.factories import PNG_BYTES, make_editor, make_page
from tests.guide.test_views import form_data

pytestmark = pytest.mark.django_db

NIR = "1 85 05 78 006 084 91"
REFUSED = "numéro de sécurité sociale"
CONFIRM = "Je confirme qu&#x27;aucun patient n&#x27;est nommé"


def test_a_nir_in_the_page_title_is_refused_on_creation(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_create"),
        {
            "title": f"Dossier {NIR}",
            "kind": "page",
            "audience": "public",
            "body": "Texte.",
            TOKEN_FIELD: new_token(),
        },
    )
    assert response.status_code == 400 and REFUSED in response.text
    assert not Page.objects.exists()


@pytest.mark.parametrize("field", ["title", "summary", "body", "comment"])
def test_a_nir_in_the_edit_form_is_refused_and_nothing_saved(client, staff, field):
    page = make_page("Parcours diabète", by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_edit", args=[page.slug]), form_data(page) | {field: f"Voir {NIR}"}
    )
    assert response.status_code == 200 and REFUSED in response.text
    assert page.revisions.count() == 1


def test_the_services_refuse_what_the_forms_refuse(staff):
    with pytest.raises(ValidationError, match=REFUSED):
        services.create_page(title=f"Dossier {NIR}", body="", by=staff)
    page = make_page("Parcours diabète", by=staff)
    with pytest.raises(ValidationError, match=REFUSED):
        services.save_revision(
            page, page.draft_content(), by=staff, base_revision=1, comment=f"NIR {NIR}"
        )
    with pytest.raises(ValidationError, match=REFUSED):
        # Confirming the names never lets a NIR through.
        services.save_revision(
            page,
            page.draft_content() | {"body": NIR},
            by=staff,
            base_revision=1,
            names_confirmed=True,
        )
    assert page.revisions.count() == 1


def test_a_name_asks_for_a_confirmation_once(client, staff):
    page = make_page("Parcours diabète", by=staff)
    client.force_login(staff)
    url = reverse("guide:page_edit", args=[page.slug])
    body = "Relu par Mme Le Goff, pharmacienne de l'équipe."
    response = client.post(url, form_data(page, body=body))
    assert CONFIRM in response.text and 'type="checkbox" name="confirm_names"' in response.text
    assert page.revisions.count() == 1
    client.post(url, form_data(page, body=body, confirm_names="on"))
    assert page.revisions.count() == 2
    # The name is in the version the editor starts from: not asked again.
    page.refresh_from_db()
    response = client.post(url, form_data(page, body=body + "\n\nUne phrase de plus."))
    assert response.status_code == 302 and page.revisions.count() == 3


def test_the_starter_content_needs_no_confirmation():
    for document in starter_documents():
        assert content_errors(document) == {}, document["slug"]


def test_a_nir_in_a_suggestion_is_refused(client, member, staff):
    page = make_page("Parcours diabète", by=staff)
    client.force_login(member)
    response = client.post(
        reverse("guide:page_suggestion_create", args=[page.slug]),
        {"title": f"Patient {NIR}", "text": "Texte.", TOKEN_FIELD: new_token()},
    )
    assert response.status_code == 400 and REFUSED in response.text
    assert not Suggestion.objects.exists() and not SentNotification.objects.exists()


def test_a_nir_in_the_answer_to_a_suggestion_is_refused_and_not_emailed(client, staff, member):
    suggestion = Suggestion.objects.create(title="Idée", text="Texte.", author=member)
    client.force_login(staff)
    response = client.post(
        reverse("guide:suggestion", args=[suggestion.pk]),
        {"answer": f"Pour le patient {NIR}, voyez la fiche.", "decision": "retenue"},
    )
    assert response.status_code == 400 and REFUSED in response.text
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW and suggestion.answer == ""
    assert not SentNotification.objects.exists() and not mail.outbox


def test_a_nir_in_a_review_note_is_refused_and_not_emailed(client, staff, professional):
    make_editor(professional)
    page = make_page("Parcours diabète", by=staff)
    services.save_revision(
        page, page.draft_content() | {"body": "V2"}, by=professional, base_revision=1
    )
    services.submit_for_review(page, by=professional)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_request_changes", args=[page.slug]),
        {"comment": f"Retirez le NIR {NIR}."},
    )
    assert response.status_code == 400 and REFUSED in response.text
    page.refresh_from_db()
    assert page.in_review and page.review_note == ""
    assert not SentNotification.objects.exists()


def test_a_name_in_a_review_note_is_confirmed_on_its_own_page(client, staff, professional):
    make_editor(professional)
    page = make_page("Parcours diabète", by=staff)
    services.save_revision(
        page, page.draft_content() | {"body": "V2"}, by=professional, base_revision=1
    )
    services.submit_for_review(page, by=professional)
    client.force_login(staff)
    url = reverse("guide:page_request_changes", args=[page.slug])
    comment = "Demandez à M. Kerjean de relire."
    response = client.post(url, {"comment": comment})
    assert response.status_code == 400 and CONFIRM in response.text
    assert client.post(url, {"comment": comment, "confirm_names": "on"}).status_code == 302
    page.refresh_from_db()
    assert page.review_note == comment


def test_a_file_named_with_a_nir_is_refused(staff):
    page = make_page("Parcours diabète", by=staff)
    upload = SimpleUploadedFile(f"CR {NIR}.png", PNG_BYTES)
    with pytest.raises(ValidationError, match="Renommez le fichier"):
        services.attach(page, upload, by=staff)
    assert not Attachment.objects.exists()


def test_an_imported_document_with_a_nir_is_reported_not_imported(staff):
    from guide.importing.importer import import_documents

    report = import_documents(
        {
            "cas.md": f"# Un cas\n\nPatient {NIR}.\n".encode(),
            "bon.md": b"# Bon\n\nRelu par Mme Le Goff.",
        },
        by=staff,
    )
    assert [page.title for page in report.imported] == ["Bon"]
    assert report.imported[0].warnings == [
        "Noms cités : Mme Le Goff — vérifiez qu'aucun n'est celui d'un patient."
    ]
    assert report.failed[0][0] == "cas.md" and REFUSED in report.failed[0][1]


def test_a_scheduled_publication_date_stays_in_range(client, staff):
    page = make_page("Parcours diabète", by=staff)
    with pytest.raises(ValidationError, match="2100"):
        when = datetime.datetime(9999, 12, 31, 23, 30, tzinfo=datetime.UTC)
        services.schedule(page, when, by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_schedule", args=[page.slug]),
        {"publish_at": "9999-12-31T23:30"},
        follow=True,
    )
    assert response.status_code == 200 and "31 décembre 2100" in response.text
    page.refresh_from_db()
    assert page.scheduled_at is None
