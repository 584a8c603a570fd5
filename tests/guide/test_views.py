"""The guide in the browser's requests: editing, review, suggestions, rendering."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.templatetags.french_dates import date_fr
from guide import services
from guide.enums import SuggestionStatus
from guide.models import Page, Suggestion
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page, png_upload

pytestmark = pytest.mark.django_db


def form_data(page, **changes):
    content = page.draft_content()
    data = {
        "title": content["title"],
        "summary": content["summary"],
        "body": content["body"],
        "kind": content["kind"],
        "themes": content["themes"],
        "audience": content["audience"],
        "parent": page.parent_id or "",
        "slug": page.slug,
        "review_months": page.review_months,
        "base_revision": page.latest_revision.number,
        "comment": "",
        "action": "save",
    }
    return data | changes


def test_staff_creates_saves_a_draft_and_publishes(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_create"),
        {
            "title": "La RCP en pratique",
            "body": "Texte initial.",
            "kind": "fiche",
            "themes": ["rcp"],
            "audience": "public",
            TOKEN_FIELD: new_token(),
        },
    )
    page = Page.objects.get(title="La RCP en pratique")
    assert response.status_code == 302
    assert response["Location"] == reverse("guide:page_edit", args=[page.slug])
    assert not page.is_live
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page, body="Texte revu."))
    page.refresh_from_db()
    assert page.revisions.count() == 2 and not page.is_live
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page, action="publish"))
    page.refresh_from_db()
    assert page.is_live and page.body == "Texte revu."
    # Saving the same text again adds no empty revision.
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page))
    assert page.revisions.count() == 2


def test_concurrent_save_in_the_browser_keeps_the_second_text(client, staff, facilitator):
    page = make_page("Page partagée", body="Départ.", by=staff)
    editor = make_editor(facilitator)
    stale = form_data(page)
    client.force_login(staff)
    client.post(reverse("guide:page_edit", args=[page.slug]), stale | {"body": "Texte de Claire."})
    client.force_login(editor.user)
    response = client.post(
        reverse("guide:page_edit", args=[page.slug]), stale | {"body": "Texte de Yann."}
    )
    assert response.status_code == 200
    assert "pendant que vous écriviez" in response.text
    assert "Texte de Yann." in response.text  # still in the form
    assert "Claire" in response.text  # shown in the difference
    page.refresh_from_db()
    assert page.latest_revision.body == "Texte de Claire."
    # Saving again from the form (now based on the latest revision) goes through.
    assert response.context["form"].data["base_revision"] == page.latest_revision.number
    client.post(
        reverse("guide:page_edit", args=[page.slug]),
        stale | {"body": "Texte de Yann.", "base_revision": page.latest_revision.number},
    )
    page.refresh_from_db()
    assert page.latest_revision.body == "Texte de Yann."


def test_editor_who_is_not_staff_submits_for_review_and_staff_approves(
    client, staff, professional, django_capture_on_commit_callbacks
):
    send = django_capture_on_commit_callbacks
    make_editor(professional)
    page = make_page("Fiche de poste", body="Version 1.", by=staff)
    client.force_login(professional)
    response = client.post(
        reverse("guide:page_edit", args=[page.slug]), form_data(page, action="publish")
    )
    assert response.status_code == 403
    with send(execute=True):
        client.post(
            reverse("guide:page_edit", args=[page.slug]),
            form_data(page, body="Version 2.", action="review"),
        )
    page.refresh_from_db()
    assert page.in_review and page.body == "Version 1."
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "attend votre relecture" in mail.outbox[0].subject
    client.force_login(staff)
    assert "en relecture" in client.get(page.get_absolute_url()).text
    with send(execute=True):
        client.post(
            reverse("guide:page_request_changes", args=[page.slug]),
            {"comment": "Ajoutez un exemple."},
        )
    page.refresh_from_db()
    assert not page.in_review and page.review_note == "Ajoutez un exemple."
    assert mail.outbox[-1].to == [professional.email]
    assert "Ajoutez un exemple." in mail.outbox[-1].body
    client.force_login(professional)
    client.post(reverse("guide:page_review", args=[page.slug]))
    client.force_login(staff)
    with send(execute=True):
        client.post(reverse("guide:page_publish", args=[page.slug]))
    page.refresh_from_db()
    assert page.is_live and page.body == "Version 2." and not page.in_review
    assert "est publiée" in mail.outbox[-1].subject and mail.outbox[-1].to == [professional.email]


def test_internal_links_and_table_of_contents(client, staff):
    target = make_page("Rôle du coordinateur", by=staff, slug="role-du-coordinateur")
    archived = make_page("Ancienne fiche", by=staff)
    services.archive(archived, by=staff)
    page = make_page(
        "Coordination",
        body="## Missions\n\nVoir [[role-du-coordinateur]], [[ancienne-fiche]] et [[absente]].\n\n"
        "## Outils\n\nTexte.",
        by=staff,
    )
    html = client.get(page.get_absolute_url()).text
    assert f'<a href="{target.get_absolute_url()}"' in html and ">Rôle du coordinateur</a>" in html
    assert 'id="missions"' in html and 'href="#outils"' in html
    assert "introuvable" not in html  # visitors see plain text, no flag
    client.force_login(staff)
    html = client.get(page.get_absolute_url()).text
    assert "<code>[[ancienne-fiche]]</code>" in html and "<code>[[absente]]</code>" in html


def test_preview_resolves_internal_links(client, staff):
    make_page("Rôle du coordinateur", by=staff, slug="role-du-coordinateur")
    client.force_login(staff)
    response = client.post(
        reverse("markdown_preview", kwargs={"flavour": "guide"}),
        {
            "field": "body",
            "body": "Lire [[role-du-coordinateur]].\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        },
    )
    assert ">Rôle du coordinateur</a>" in response.text
    assert "<table>" in response.text


def test_suggestion_is_received_then_retained_as_a_proposed_change(
    client, staff, member, professional, django_capture_on_commit_callbacks
):
    """The suggester is told « reçue » at once and « retenue » only once an
    editor took the proposed change; the change is a draft revision of the
    page, not a section pasted into it."""
    send = django_capture_on_commit_callbacks
    make_editor(professional)
    page = make_page("Les RCP", body="Texte.\n\nFin.", by=staff)
    client.force_login(member)
    with send(execute=True):
        client.post(
            reverse("guide:page_suggestion_create", args=[page.slug]),
            {
                "title": "Un exemple",
                "text": "Voici le nôtre.",
                "proposed_body": "Texte.\n\nNotre exemple de RCP.\n\nFin.",
                TOKEN_FIELD: new_token(),
            },
        )
    suggestion = Suggestion.objects.get()
    assert suggestion.status == SuggestionStatus.NEW and suggestion.proposes_text
    assert sorted(mail.outbox[0].to) == sorted([staff.email, professional.email])
    assert mail.outbox[1].to == [member.email]
    assert "bien reçue" in mail.outbox[1].body and "retenue" not in mail.outbox[1].subject
    client.force_login(staff)
    response = client.get(reverse("guide:suggestion", args=[suggestion.pk]))
    assert "Notre exemple de RCP." in response.text and "<ins" in response.text
    with send(execute=True):
        response = client.post(reverse("guide:suggestion_draft", args=[suggestion.pk]))
    assert response["Location"] == reverse("guide:page_edit", args=[page.slug])
    suggestion.refresh_from_db()
    page.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.draft_page == page
    assert page.latest_revision.body == "Texte.\n\nNotre exemple de RCP.\n\nFin."
    assert "Suggestion à intégrer" not in page.latest_revision.body
    assert page.body == "Texte.\n\nFin."
    assert mail.outbox[-1].to == [member.email]
    assert "retenue" in mail.outbox[-1].body


def test_a_message_only_suggestion_is_not_pasted_into_the_page(client, staff, member):
    page = make_page("Les RCP", body="Texte.", by=staff)
    client.force_login(member)
    client.post(
        reverse("guide:page_suggestion_create", args=[page.slug]),
        {
            "title": "Idée",
            "text": "Un exemple.",
            "proposed_body": "Texte.",
            TOKEN_FIELD: new_token(),
        },
    )
    suggestion = Suggestion.objects.get()
    assert not suggestion.proposes_text
    client.force_login(staff)
    client.post(reverse("guide:suggestion_draft", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    page.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW and not page.has_draft


def test_new_sheet_suggestion_becomes_a_new_draft_page(client, staff, professional):
    client.force_login(professional)
    client.post(
        reverse("guide:suggestion_create"),
        {"title": "Fiche ETP", "text": "Nos séances d'éducation.", TOKEN_FIELD: new_token()},
    )
    client.force_login(staff)
    client.post(reverse("guide:suggestion_draft", args=[Suggestion.objects.get().pk]))
    page = Page.objects.get(title="Fiche ETP")
    assert not page.is_live and page.latest_revision.body == "Nos séances d'éducation."


def test_declined_suggestion_is_answered(client, staff, member, django_capture_on_commit_callbacks):
    suggestion = Suggestion.objects.create(title="Idée", text="Texte.", author=member)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("guide:suggestion", args=[suggestion.pk]),
            {"answer": "Déjà traité dans la fiche RCP.", "decision": "non_retenue"},
        )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert "Déjà traité" in mail.outbox[-1].body


def test_staff_names_and_removes_a_redactor(client, staff, professional):
    client.force_login(staff)
    client.post(reverse("guide:editors"), {"email": professional.email})
    assert professional.guide_editor
    response = client.post(reverse("guide:editors"), {"email": "inconnu@exemple.fr"})
    assert "Aucun compte actif" in response.text


def test_pdf_has_title_date_and_attachments(client, staff):
    page = make_page(
        "Protocoles de coopération", body="## Financement\n\n25 € par patient.", by=staff
    )
    services.attach(page, png_upload("logigramme.png"), by=staff)
    services.publish(page, by=staff)
    response = client.get(reverse("guide:page_pdf", args=[page.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Protocoles de coopération" in text and "25 € par patient" in text
    assert f"version publiée du {date_fr(timezone.localdate(), 'j F Y')}" in text
    assert "logigramme.png" in text


def test_reorder_siblings(client, staff):
    parent = make_page("Section", by=staff)
    first = make_page("Premier", by=staff, parent=parent)
    second = make_page("Second", by=staff, parent=parent)
    client.force_login(staff)
    client.post(
        reverse("guide:pages_place"),
        {"page": second.slug, "parent": parent.slug, "position": 1},
    )
    children = list(parent.children.order_by("position").values_list("title", flat=True))
    assert children == ["Second", "Premier"]
    html = client.get(second.get_absolute_url()).text
    assert first.get_absolute_url() in html  # next page link


def test_editor_sees_drafts_list_and_reserved_slug_refused(client, staff):
    page = make_page("Page", by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_edit", args=[page.slug]), form_data(page, slug="search")
    )
    assert "réservée" in response.text
    page.refresh_from_db()
    assert page.slug != "search"
    assert "Page" in client.get(reverse("guide:pages")).text


def test_a_rédacteur_has_no_publication_rights(client, staff, professional):
    make_editor(professional)
    page = make_page("Page", by=staff)
    client.force_login(professional)
    assert client.post(reverse("guide:page_publish", args=[page.slug])).status_code == 403
    assert client.post(reverse("guide:page_archive", args=[page.slug])).status_code == 403
    assert client.get(reverse("guide:page_versions", args=[page.slug])).status_code == 200


def test_an_inactive_user_is_not_an_editor(staff):
    user = UserFactory(email="ancien@exemple.fr", is_active=False)
    make_editor(user)
    from guide.models import guide_editors

    assert user not in guide_editors()


def test_schedule_from_the_edit_page(client, staff):
    page = make_page("Page", by=staff)
    client.force_login(staff)
    when = timezone.localtime() + datetime.timedelta(days=2)
    client.post(
        reverse("guide:page_schedule", args=[page.slug]),
        {"publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    page.refresh_from_db()
    assert page.scheduled_at is not None and page.scheduled_revision == page.latest_revision
    response = client.post(
        reverse("guide:page_schedule", args=[page.slug]),
        {"publish_at": "2020-01-01T08:00"},
        follow=True,
    )
    assert "Choisissez une date et une heure à venir." in response.text


def test_slug_change_from_the_edit_form_redirects_the_old_address(client, staff):
    page = make_page("Ancien nom", by=staff)
    client.force_login(staff)
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page, slug="nouveau-nom"))
    client.logout()
    response = client.get("/guide/ancien-nom/")
    assert response.status_code == 301 and response["Location"] == "/guide/nouveau-nom/"


def test_sitemap_lists_only_what_the_reader_may_read(client, staff):
    make_page("Publique", by=staff)
    make_page("Réservée", by=staff, audience="adherents")
    make_page("Brouillon", by=staff, live=False)
    xml = client.get(reverse("guide:sitemap")).text
    assert "/guide/publique/" in xml
    assert "reservee" not in xml and "brouillon" not in xml


def test_breadcrumbs_hide_a_section_the_reader_may_not_open(client, staff):
    section = make_page("Espace des adhérents", by=staff, audience="adherents")
    page = make_page("Fiche publique", by=staff, parent=section)
    html = client.get(page.get_absolute_url()).text
    assert "Espace des adhérents" not in html


def test_version_pages_show_the_rendered_text_and_restore_as_a_draft(client, staff):
    make_page("Rôle du coordinateur", by=staff, slug="role-du-coordinateur")
    page = make_page("Organiser une RCP", body="Lire [[role-du-coordinateur]].", by=staff)
    services.save_revision(
        page, page.draft_content() | {"body": "Texte revu."}, by=staff, base_revision=1
    )
    client.force_login(staff)
    versions = client.get(reverse("guide:page_versions", args=[page.slug])).text
    assert "Versions de la page" in versions and "Organiser une RCP" in versions
    assert "la version en ligne ne change qu&#x27;à la publication" in versions
    assert reverse("guide:page_version", args=[page.slug, 1]) in versions
    first = client.get(reverse("guide:page_version", args=[page.slug, 1])).text
    # the Markdown body, with its internal link resolved, and where this version stands
    assert 'href="/guide/role-du-coordinateur/"' in first
    assert "en ligne</span>" in first and "dernière version</span>" not in first
    assert "Restaurer cette version comme brouillon" in first
    assert (
        "dernière version</span>"
        in client.get(reverse("guide:page_version", args=[page.slug, 2])).text
    )
    compare = client.get(reverse("guide:page_compare", args=[page.slug]), {"a": 1, "b": 2}).text
    assert "Différences entre les versions 1 et 2" in compare and "Texte revu." in compare
    response = client.post(
        reverse("guide:page_restore", args=[page.slug, 1]), {TOKEN_FIELD: new_token()}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("guide:page_edit", args=[page.slug])
    assert (
        "Le texte de la version 1 est repris comme brouillon (version 3) : publiez-le pour le "
        "mettre en ligne." in response.text.replace("&#x27;", "'")
    )
    page.refresh_from_db()
    assert page.latest_revision.number == 3 and page.body == "Lire [[role-du-coordinateur]]."


def test_the_former_search_address_answers_301_with_its_query(client):
    response = client.get("/guide/search/", {"q": "rcp", "theme": "rcp"})
    assert response.status_code == 301
    assert response["Location"] == "/guide/recherche/?q=rcp&theme=rcp"


def test_a_page_never_takes_an_address_of_the_guide(staff):
    assert make_page("Recherche", by=staff).slug == "recherche-2"
    assert make_page("Importer", by=staff).slug == "importer-2"
