"""A published page's body is rendered once per content and audience
(guide/fragments.py), never shown stale: an edit published, a linked page
renamed or taken offline, show at once. The page's PDF carries an ETag known
before rendering: a 304 builds nothing."""

import pytest
from django.urls import reverse

from guide import fragments, services
from tests.conditional_documents import assert_304_without_rendering
from tests.guide.factories import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the Markdown renderings of page bodies."""
    calls = []
    real = fragments.render_page

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(fragments, "render_page", counting)
    return calls


def edit(page, by, **content):
    revision = services.save_revision(
        page,
        {**page.live_content(), **content},
        by=by,
        base_revision=page.latest_revision.number,
    )
    services.publish(page, by=by, revision=revision)


def page_url(page):
    return reverse("guide:page", args=[page.slug])


def test_the_body_is_rendered_once_for_readers_of_an_audience(client, staff, renders):
    page = make_page("Fiche pratique", body="## Le rôle du coordinateur\n\nDu texte.", by=staff)
    for _ in range(3):
        response = client.get(page_url(page))
        assert "Le rôle du coordinateur" in response.content.decode()
    assert len(renders) == 1


def test_a_publication_shows_at_once(client, staff, renders):
    page = make_page("Fiche pratique", body="Première rédaction.", by=staff)
    assert "Première rédaction." in client.get(page_url(page)).content.decode()
    edit(page, staff, body="Seconde rédaction.")
    content = client.get(page_url(page)).content.decode()
    assert "Seconde rédaction." in content and "Première rédaction." not in content
    assert len(renders) == 2


def test_a_linked_page_renamed_or_unpublished_shows_at_once(client, staff):
    target = make_page("Le financement ACI", by=staff, slug="financement-aci")
    page = make_page("Fiche pratique", body="Voir [[financement-aci]].", by=staff)
    assert "Le financement ACI" in client.get(page_url(page)).content.decode()
    edit(target, staff, title="Les rémunérations ACI")
    content = client.get(page_url(page)).content.decode()
    assert "Les rémunérations ACI" in content and "Le financement ACI" not in content
    services.unpublish(target, by=staff)
    content = client.get(page_url(page)).content.decode()
    assert 'href="/guide/financement-aci' not in content
    assert "Les rémunérations ACI" not in content


def test_the_pdf_answers_304_without_rendering(client, staff, monkeypatch):
    page = make_page("Fiche pratique", body="Du texte.", by=staff)
    url = reverse("guide:page_pdf", args=[page.slug])
    etag = assert_304_without_rendering(client, url, monkeypatch, "guide.views.reading.render_page")
    edit(page, staff, body="Un autre texte.")
    assert client.get(url)["ETag"] != etag
