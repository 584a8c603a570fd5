"""The guide's irreversible or heavy actions are confirmed first: archiving,
unpublishing, removing a file. GET shows what will happen and changes nothing;
POST still acts; the editing page opens the same words in a dialog whose
trigger is a link to the confirmation page (the path without JavaScript)."""

import pytest
from django.urls import reverse

from guide import services
from guide.models import Attachment
from tests.guide.factories import make_page, png_upload

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_archiving_is_confirmed_with_what_happens(client_for, staff):
    page = make_page("Créer une ESP", by=staff)
    client = client_for(staff)
    url = reverse("guide:page_archive", args=[page.slug])
    response = client.get(url)
    assert response.status_code == 200
    html = _text(response)
    assert '<h1 class="h2">Archiver « Créer une ESP » ?</h1>' in html
    assert "quittera le guide" in html and "code 410" in html
    assert "l'historique de ses versions sont conservés" in html
    assert "restaurer la page archivée" in html
    assert f'<form method="post" action="{url}"' in html
    page.refresh_from_db()
    assert not page.is_archived and page.is_live
    # the editing page: a link to that page opening the same words in a dialog
    edit = _text(client.get(reverse("guide:page_edit", args=[page.slug])))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in edit
    assert 'class="modal fade" id="confirmer-archiver"' in edit
    assert "code 410" in edit
    # POST still archives: the address answers 410
    response = client.post(url)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.is_archived
    assert client_for(None).get(page.get_absolute_url()).status_code == 410


def test_archiving_an_archived_page_goes_back_to_the_editing_page(client_for, staff):
    page = make_page("Ancienne page", by=staff)
    services.archive(page, by=staff)
    response = client_for(staff).get(reverse("guide:page_archive", args=[page.slug]), follow=True)
    assert "Cette page est déjà archivée." in _text(response)


def test_unpublishing_is_confirmed_then_done(client_for, staff):
    page = make_page("Outils numériques", by=staff)
    client = client_for(staff)
    url = reverse("guide:page_unpublish", args=[page.slug])
    html = _text(client.get(url))
    assert "Dépublier « Outils numériques » ?" in html
    assert "sera mise hors ligne" in html and "publier de nouveau" in html
    page.refresh_from_db()
    assert page.is_live
    edit = _text(client.get(reverse("guide:page_edit", args=[page.slug])))
    assert 'id="confirmer-depublier"' in edit
    assert client.post(url).status_code == 302
    page.refresh_from_db()
    assert not page.is_live
    # once offline, the confirmation page is not offered any more
    response = client.get(url, follow=True)
    assert "Cette page n'est pas en ligne." in _text(response)


def test_removing_an_unused_file_says_it_is_deleted_for_good(client_for, staff):
    page = make_page("Fiche", by=staff)
    item = services.attach(page, png_upload("plan.png"), by=staff)
    client = client_for(staff)
    url = reverse("guide:attachment_delete", args=[page.slug, item.pk])
    html = _text(client.get(url))
    assert "Retirer le fichier « plan.png » ?" in html
    assert "supprimé définitivement" in html
    assert "Supprimer le fichier" in html
    assert Attachment.objects.filter(pk=item.pk).exists()
    files = _text(client.get(reverse("guide:page_attachments", args=[page.slug])))
    assert f'href="{url}" role="button" data-bs-toggle="modal"' in files
    assert f'id="confirmer-retirer-{item.pk}"' in files and "supprimé définitivement" in files
    client.post(url)
    assert not Attachment.objects.filter(pk=item.pk).exists()


def test_removing_a_file_a_version_uses_says_it_is_kept(client_for, staff):
    page = make_page("Fiche", by=staff)
    item = services.attach(page, png_upload("plan.png"), by=staff)
    services.save_revision(
        page,
        page.draft_content() | {"body": f"![Plan]({item.reference})"},
        by=staff,
        base_revision=page.latest_revision.number,
    )
    client = client_for(staff)
    url = reverse("guide:attachment_delete", args=[page.slug, item.pk])
    html = _text(client.get(url))
    assert "il est conservé pour leur historique" in html
    assert "supprimé définitivement" not in html
    files = _text(client.get(reverse("guide:page_attachments", args=[page.slug])))
    assert "il est conservé pour leur historique" in files
    client.post(url)
    item.refresh_from_db()
    assert item.detached_at is not None
