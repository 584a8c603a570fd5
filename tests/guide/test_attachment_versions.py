"""Files follow the versions of their page (issue 19, finding 6): readers get
only the files of the version online; a file added for a draft or a scheduled
version appears at its publication; a removed file answers 410; no file is
ever cached as public."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from guide import services
from guide.markdown import render_page
from guide.models import Attachment, Page
from tests.guide.factories import make_editor, make_page, png_upload

pytestmark = pytest.mark.django_db


def file_url(page, item) -> str:
    return reverse("guide:attachment", args=[page.slug, item.pk])


def draft_using(page, item, *, by):
    """A draft of the live page that shows the file."""
    services.save_revision(
        page,
        page.draft_content() | {"body": f"Nouveau schéma : ![Plan]({item.reference})"},
        by=by,
        base_revision=page.latest_revision.number,
    )


def test_a_file_added_for_a_draft_appears_only_at_its_publication(client, staff, professional):
    page = make_page("Parcours diabète", body="Texte en ligne.", by=staff)
    item = services.attach(page, png_upload("plan.png"), by=staff)
    draft_using(page, item, by=staff)

    html = client.get(page.get_absolute_url()).text
    assert "plan.png" not in html
    assert client.get(file_url(page, item)).status_code == 404
    # Editors who may see the draft may download its file.
    make_editor(professional)
    client.force_login(professional)
    assert client.get(file_url(page, item)).status_code == 200

    services.publish(page, by=staff)
    client.logout()
    html = client.get(page.get_absolute_url()).text
    assert "plan.png" in html and f'<img src="{file_url(page, item)}"' in html
    assert client.get(file_url(page, item)).status_code == 200


def test_a_file_of_a_scheduled_version_appears_when_it_is_published(client, staff):
    page = make_page("Parcours diabète", by=staff)
    item = services.attach(page, png_upload(), by=staff)
    draft_using(page, item, by=staff)
    services.schedule(page, timezone.now() + datetime.timedelta(days=1), by=staff)
    assert client.get(file_url(page, item)).status_code == 404

    services.publish_scheduled(timezone.now() + datetime.timedelta(days=2))
    assert client.get(file_url(page, item)).status_code == 200


def test_the_live_text_does_not_show_a_draft_image_to_readers(staff):
    page = make_page("Parcours diabète", by=staff)
    item = services.attach(page, png_upload(), by=staff)
    text = f"![Plan]({item.reference})"
    assert "<img" not in render_page(text, user=AnonymousUser(), page=page).html
    assert "<img" in render_page(text, user=staff, page=page).html


def test_a_removed_file_answers_410_in_french_and_is_no_longer_listed(client, staff):
    page = make_page("Parcours diabète", by=staff)
    item = services.attach(page, png_upload("ancien.png"), by=staff)
    draft_using(page, item, by=staff)
    services.publish(page, by=staff)
    assert client.get(file_url(page, item)).status_code == 200

    assert services.remove_attachment(item, by=staff) == "detached"
    response = client.get(file_url(page, item))
    assert response.status_code == 410
    assert "Ce fichier a été retiré de la page" in response.text
    assert "ancien.png" not in client.get(page.get_absolute_url()).text
    # Editors keep it for the history of the page.
    client.force_login(staff)
    assert client.get(file_url(page, item)).status_code == 200


def test_a_file_deleted_for_good_is_not_found(client, staff):
    page = make_page("Parcours diabète", by=staff)
    item = services.attach(page, png_upload(), by=staff)
    services.publish(page, by=staff)
    url = file_url(page, item)
    assert services.remove_attachment(item, by=staff) == "deleted"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("audience", ["public", "connectes", "adherents"])
def test_files_are_never_cached_as_public(client, staff, audience):
    page = make_page("Parcours diabète", by=staff, audience=audience)
    item = services.attach(page, png_upload(), by=staff)
    services.publish(page, by=staff)
    client.force_login(staff)
    response = client.get(file_url(page, item))
    cache_control = response["Cache-Control"]
    assert cache_control.startswith("private") and "public" not in cache_control


def test_a_public_image_is_cached_privately_for_a_short_while(client, staff):
    page = make_page("Parcours diabète", by=staff)
    item = services.attach(page, png_upload(), by=staff)
    services.publish(page, by=staff)
    assert client.get(file_url(page, item))["Cache-Control"] == "private, max-age=300"


def test_the_files_page_says_when_a_file_goes_online(client, staff):
    page = make_page("Parcours diabète", by=staff)
    services.attach(page, png_upload("en-ligne.png"), by=staff)
    services.publish(page, by=staff)
    services.attach(page, png_upload("prochaine.png"), by=staff)
    client.force_login(staff)
    html = client.get(reverse("guide:page_attachments", args=[page.slug])).text
    assert html.count("à la prochaine publication</span>") == 1
    assert Attachment.objects.published().get().original_name == "en-ligne.png"


def test_the_migration_keeps_online_only_the_files_of_the_version_online(staff):
    """0004: files attached before versions were tracked."""
    migration = import_module("guide.migrations.0004_mark_files_of_live_pages_online")
    page = make_page("Parcours diabète", by=staff)
    before = services.attach(page, png_upload("avant.png"), by=staff)
    services.publish(page, by=staff)
    used = services.attach(page, png_upload("utilise.png"), by=staff)
    draft = services.attach(page, png_upload("brouillon.png"), by=staff)
    Page.objects.filter(pk=page.pk).update(body=f"![Plan]({used.reference})")
    Page.objects.filter(pk=page.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    Attachment.objects.filter(pk=before.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    Attachment.objects.update(live_since=None)
    migration.mark_online(global_apps, None)
    online = set(Attachment.objects.published().values_list("original_name", flat=True))
    assert online == {"avant.png", "utilise.png"}
    assert Attachment.objects.get(pk=draft.pk).live_since is None
