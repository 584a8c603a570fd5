"""Publish what was reviewed: scheduling and publishing name a version, and a
newer draft does not ride along; the reviewer reads the version sent against
the version online, and approves or sends it back."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from guide import services
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page

pytestmark = pytest.mark.django_db


def new_draft(page, body, by):
    page.refresh_from_db()
    return services.save_revision(
        page,
        page.draft_content() | {"body": body},
        by=by,
        base_revision=page.latest_revision.number,
    )


@pytest.fixture
def writer():
    user = UserFactory(email="redactrice@exemple.fr")
    make_editor(user)
    return user


def test_a_schedule_publishes_its_version_not_a_newer_draft(staff):
    page = make_page("Fiche", body="V1.", by=staff)
    new_draft(page, "V2 relue.", staff)
    when = timezone.now() + datetime.timedelta(hours=2)
    services.schedule(page, when, by=staff)
    new_draft(page, "V3 non relue.", staff)
    services.publish_scheduled(now=when + datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.body == "V2 relue." and page.live_revision.number == 2
    assert page.latest_revision.number == 3 and page.has_draft


def test_approving_a_review_publishes_the_version_sent(client, staff, writer):
    page = make_page("Fiche", body="V1.", by=staff)
    new_draft(page, "V2 envoyée.", writer)
    services.submit_for_review(page, by=writer)
    new_draft(page, "V3 écrite ensuite.", writer)
    page.refresh_from_db()
    assert page.review_revision.number == 2
    client.force_login(staff)
    html = client.get(reverse("guide:page_review_changes", args=[page.slug])).text
    assert "Approuver et publier la version 2" in html
    assert "Une version plus récente (3)" in html
    assert "<ins" in html and "envoyée" in html
    # A publication without a named version publishes the one in review.
    client.post(reverse("guide:page_publish", args=[page.slug]))
    page.refresh_from_db()
    assert page.body == "V2 envoyée." and page.has_draft and not page.in_review


def test_a_named_version_is_published_and_scheduled(client, staff):
    page = make_page("Fiche", body="V1.", by=staff)
    new_draft(page, "V2.", staff)
    new_draft(page, "V3.", staff)
    client.force_login(staff)
    response = client.post(reverse("guide:page_publish", args=[page.slug]), {"revision": 2})
    page.refresh_from_db()
    assert page.body == "V2." and page.live_revision.number == 2
    follow = client.get(response["Location"]).text
    assert "La version 2 est publiée." in follow
    when = timezone.localtime() + datetime.timedelta(days=1)
    client.post(
        reverse("guide:page_schedule", args=[page.slug]),
        {"revision": 3, "publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    page.refresh_from_db()
    assert page.scheduled_revision.number == 3
    response = client.post(
        reverse("guide:page_publish", args=[page.slug]), {"revision": 99}, follow=True
    )
    assert "Cette version de la page n'existe pas." in unescape(response.text)


def test_the_edit_form_saves_the_text_then_schedules_that_version(client, staff):
    page = make_page("Fiche", body="V1.", by=staff)
    client.force_login(staff)
    when = timezone.localtime() + datetime.timedelta(days=2)
    data = {
        "title": "Fiche",
        "summary": "",
        "body": "Texte tapé puis programmé.",
        "kind": "page",
        "audience": "public",
        "parent": "",
        "slug": page.slug,
        "review_months": 12,
        "base_revision": 1,
        "comment": "",
        "action": "schedule",
        "publish_at": when.strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("guide:page_edit", args=[page.slug]), data, follow=True)
    assert "La version 2 sera publiée le" in response.text
    page.refresh_from_db()
    assert page.scheduled_revision.number == 2 and page.body == "V1."
    assert "Texte tapé puis programmé." in page.scheduled_revision.body

    # A bad date: the text is not thrown away, nothing is scheduled or saved.
    data |= {"body": "Encore un autre texte.", "publish_at": "", "base_revision": 2}
    response = client.post(reverse("guide:page_edit", args=[page.slug]), data)
    assert response.status_code == 200
    assert "La publication n'est pas programmée" in unescape(response.text)
    assert "Encore un autre texte.</textarea>" in response.text
    page.refresh_from_db()
    assert page.latest_revision.number == 2


def test_the_edit_page_shows_the_version_online_and_the_newer_draft(client, staff):
    page = make_page("Fiche", body="Texte en ligne.", by=staff)
    new_draft(page, "Texte du brouillon.", staff)
    client.force_login(staff)
    html = client.get(reverse("guide:page_edit", args=[page.slug])).text
    assert "Version en ligne : 1" in html and "Brouillon plus récent : version 2" in html
    assert "ce que le brouillon change par rapport à la version en ligne (1 → 2)" in html


def test_sending_back_with_a_comment(client, staff, writer):
    page = make_page("Fiche", body="V1.", by=staff)
    new_draft(page, "V2.", writer)
    services.submit_for_review(page, by=writer)
    client.force_login(staff)
    client.post(
        reverse("guide:page_request_changes", args=[page.slug]), {"comment": "Ajoutez un exemple."}
    )
    page.refresh_from_db()
    assert not page.in_review and page.review_revision is None and page.body == "V1."
    # The rédacteur may send the draft again.
    services.submit_for_review(page, by=writer)
    page.refresh_from_db()
    assert page.in_review and page.review_revision.number == 2


def test_the_preview_shows_the_whole_page(client, staff):
    parent = make_page("Coordination", by=staff)
    page = make_page("Fiche", body="## Un\n\nA.\n\n## Deux\n\nB.", by=staff, parent=parent)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_preview", args=[page.slug]),
        {"title": "Titre en cours", "body": "## Première\n\nA.\n\n## Seconde\n\nB."},
    )
    html = response.text
    assert "Titre en cours</h1>" in html and "Sur cette page" in html
    assert "Seconde" in html and "Coordination" in html  # breadcrumbs
    assert "pas encore enregistré" in html
    page.refresh_from_db()
    assert page.latest_revision.number == 1
    html = client.get(reverse("guide:page_preview", args=[page.slug]) + "?version=1").text
    assert "Aperçu de la version 1" in html
    assert (
        client.get(reverse("guide:page_preview", args=[page.slug]) + "?version=9").status_code
        == 404
    )
