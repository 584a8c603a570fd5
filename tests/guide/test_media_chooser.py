"""The editor's media chooser: a file dropped (checked by content, an image
resized with a thumbnail), a file of the library picked again (copied to the
page), files dropped for a page not yet saved attached at its first save, and
pending files left unused purged."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gecolib.idempotency import TOKEN_FIELD, new_token
from guide import services
from guide.markdown import render_page
from guide.models import Attachment
from guide.services.attachments import IMAGE_WIDTH, THUMBNAIL_WIDTH, purge_pending
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page, png_upload

pytestmark = pytest.mark.django_db

KEY = "k" * 32


def photo(width=2400, height=1200, name="photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(client, file, **target):
    data = {"file": file, TOKEN_FIELD: new_token(), **target}
    return client.post(reverse("guide:media_upload"), data, follow=True)


def test_an_image_dropped_is_resized_with_a_thumbnail(client, staff):
    page = make_page("Fiche", by=staff)
    client.force_login(staff)
    response = upload(client, photo(), pour=page.slug)
    assert response.status_code == 200
    data = response.json()
    item = Attachment.objects.get(pk=data["id"])
    assert (item.page, data["reference"], data["is_image"]) == (page, item.reference, True)
    assert data["next_token"]
    with Image.open(item.file.open("rb")) as image:
        assert image.size == (IMAGE_WIDTH, IMAGE_WIDTH // 2)
    with Image.open(item.thumbnail.open("rb")) as image:
        assert image.width == THUMBNAIL_WIDTH
    thumbnail = client.get(data["thumbnail"])
    assert thumbnail.status_code == 200
    assert thumbnail["Cache-Control"] == "private, no-store"


def test_a_file_of_a_refused_type_is_refused_in_french(client, staff):
    page = make_page("Fiche", by=staff)
    client.force_login(staff)
    fake = SimpleUploadedFile("script.png", b"#!/bin/sh\necho", content_type="image/png")
    response = upload(client, fake, pour=page.slug)
    assert response.status_code == 400
    assert "type accepté" in response.json()["errors"][0]
    assert not Attachment.objects.exists()


def test_files_dropped_for_a_new_page_are_attached_at_its_first_save(client, staff):
    client.force_login(staff)
    image = upload(client, photo(), cle=KEY).json()
    other = upload(client, png_upload("inutile.png"), cle=KEY).json()
    pending = Attachment.objects.get(pk=image["id"])
    assert pending.page is None and pending.draft_key == KEY
    # The new page's preview already shows it, to its editor.
    body = f"Avant.\n\n![Le schéma]({image['reference']})"
    assert 'alt="Le schéma"' in render_page(body, user=staff).html
    page = services.create_page(title="Nouvelle", body=body, by=staff)
    pending.refresh_from_db()
    assert (pending.page, pending.draft_key) == (page, "")
    assert Attachment.objects.get(pk=other["id"]).page is None  # not used: stays pending
    assert "<img" in render_page(page.draft_content()["body"], user=staff, page=page).html


def test_another_editor_cannot_take_or_see_a_pending_file(client, staff):
    client.force_login(staff)
    image = upload(client, photo(), cle=KEY).json()
    someone = UserFactory(email="redac@exemple.fr")
    make_editor(someone)
    services.create_page(title="Autre", body=f"![x]({image['reference']})", by=someone)
    assert Attachment.objects.get(pk=image["id"]).page is None
    client.force_login(someone)
    assert client.get(reverse("guide:media_item", args=[image["id"]])).status_code == 404


def test_a_file_of_another_page_picked_is_copied(client, staff):
    source = make_page("Source", by=staff)
    item = services.attach(source, png_upload("logo.png"), by=staff)
    target = make_page("Cible", by=staff)
    client.force_login(staff)
    url = reverse("guide:media_choose", args=[item.pk])
    copy = client.post(url, {"pour": target.slug}, follow=True).json()
    assert copy["id"] != item.pk
    assert Attachment.objects.get(pk=copy["id"]).page == target
    same = client.post(url, {"pour": source.slug}, follow=True).json()
    assert same["id"] == item.pk


def test_library_searches_by_name(client, staff):
    page = make_page("Fiche", by=staff)
    services.attach(page, png_upload("organigramme.png"), by=staff)
    services.attach(page, png_upload("carte.png"), by=staff)
    client.force_login(staff)
    response = client.get(reverse("guide:media_library"), {"pour": page.slug, "q": "carte"})
    names = [item.original_name for item in response.context["page"].object_list]
    assert names == ["carte.png"]
    assert client.get(reverse("guide:media_library")).status_code == 404  # no page, no key


@pytest.mark.parametrize("size", [2, 14])
def test_library_queries(client, staff, size, django_assert_num_queries):
    page = make_page("Fiche", by=staff)
    for n in range(size):
        services.attach(page, png_upload(f"image-{n}.png"), by=staff)
    client.force_login(staff)
    # session, user, MFA check, the page, count, the files with their pages.
    with django_assert_num_queries(6):
        assert client.get(reverse("guide:media_library"), {"pour": page.slug}).status_code == 200


def test_pending_files_left_unused_are_purged(client, staff, settings):
    client.force_login(staff)
    old = upload(client, photo(), cle=KEY).json()
    recent = upload(client, photo(), cle=KEY).json()
    Attachment.objects.filter(pk=old["id"]).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert purge_pending() == 1
    assert list(Attachment.objects.values_list("pk", flat=True)) == [recent["id"]]


def test_a_link_to_a_file_leads_to_it(staff):
    page = make_page("Fiche", by=staff)
    item = services.attach(page, png_upload("plan.png"), by=staff)
    html = render_page(f"Voir [le plan]({item.reference}).", user=staff, page=page).html
    assert f'href="/guide/{page.slug}/fichiers/{item.pk}/"' in html
    html = render_page("Voir [le plan](fichier:999999).", user=staff, page=page).html
    assert "le plan" in html and "href" not in html
