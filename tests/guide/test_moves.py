"""A rédacteur's change of a live page's address or parent goes through
review like its text (issue 19, finding 17; principle 9): stored with the
draft, applied when staff publish it. Staff move pages at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from guide import services
from guide.models import Page, PageMove, SlugRedirect
from tests.guide.factories import make_editor, make_page
from tests.guide.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(professional):
    make_editor(professional)
    return professional


def test_a_redactors_new_address_waits_for_review(client, staff, writer):
    page = make_page("Parcours diabète", by=staff, slug="parcours-diabete")
    client.force_login(writer)
    url = reverse("guide:page_edit", args=[page.slug])
    response = client.post(url, form_data(page, slug="nouveau-nom", action="review"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.slug == "parcours-diabete" and page.in_review
    assert not SlugRedirect.objects.exists()
    assert client.get("/guide/parcours-diabete/").status_code == 200
    assert client.get("/guide/nouveau-nom/").status_code == 404
    move = PageMove.objects.get(page=page)
    assert move.slug == "nouveau-nom" and move.revision == page.latest_revision
    # The rédacteur goes on from what they proposed; staff see the proposal.
    assert 'value="nouveau-nom"' in client.get(url).text
    client.force_login(staff)
    edit = client.get(url).text
    assert "Déplacement proposé" in edit and "/guide/nouveau-nom/" in edit

    client.post(reverse("guide:page_publish", args=[page.slug]))
    page.refresh_from_db()
    assert page.slug == "nouveau-nom" and not PageMove.objects.exists()
    client.logout()
    assert client.get("/guide/parcours-diabete/")["Location"] == "/guide/nouveau-nom/"


def test_a_redactors_new_parent_waits_for_review(client, staff, writer):
    section = make_page("Coordination", by=staff)
    page = make_page("Parcours diabète", by=staff)
    client.force_login(writer)
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page, parent=section.pk))
    page.refresh_from_db()
    assert page.parent is None and page.has_draft
    services.publish(page, by=staff)
    page.refresh_from_db()
    assert page.parent == section


def test_putting_the_address_back_withdraws_the_proposal(client, staff, writer):
    page = make_page("Parcours diabète", by=staff, slug="parcours-diabete")
    client.force_login(writer)
    url = reverse("guide:page_edit", args=[page.slug])
    client.post(url, form_data(page, slug="nouveau-nom"))
    page.refresh_from_db()
    client.post(url, form_data(page, slug="parcours-diabete"))
    assert not PageMove.objects.exists()


def test_staff_move_a_page_at_once(client, staff):
    section = make_page("Coordination", by=staff)
    page = make_page("Parcours diabète", by=staff)
    client.force_login(staff)
    client.post(
        reverse("guide:page_edit", args=[page.slug]),
        form_data(page, slug="nouveau-nom", parent=section.pk),
    )
    page.refresh_from_db()
    assert page.slug == "nouveau-nom" and page.parent == section
    assert not PageMove.objects.exists()


def test_a_redactor_moves_a_page_never_published_at_once(client, staff, writer):
    page = make_page("Brouillon", by=staff, live=False)
    client.force_login(writer)
    client.post(reverse("guide:page_edit", args=[page.slug]), form_data(page, slug="ailleurs"))
    page.refresh_from_db()
    assert page.slug == "ailleurs"


def test_an_older_scheduled_version_does_not_apply_a_later_proposal(staff, writer):
    page = make_page("Parcours diabète", by=staff, slug="parcours-diabete")
    services.save_revision(page, page.draft_content() | {"body": "V2"}, by=staff, base_revision=1)
    services.schedule(page, timezone.now() + datetime.timedelta(days=1), by=staff)
    page.refresh_from_db()
    services.save_revision(page, page.draft_content() | {"body": "V3"}, by=writer, base_revision=2)
    services.propose_move(page, slug="nouveau-nom", parent=None, by=writer)
    assert PageMove.objects.get(page=page).revision.number == 3
    services.publish_scheduled(timezone.now() + datetime.timedelta(days=2))
    page.refresh_from_db()
    assert page.body == "V2" and page.slug == "parcours-diabete"
    assert PageMove.objects.filter(page=page).exists()


def test_a_proposed_address_cannot_be_taken_by_another_page(client, staff, writer):
    page = make_page("Parcours diabète", by=staff)
    services.propose_move(page, slug="nouveau-nom", parent=None, by=writer)
    other = make_page("Autre", by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("guide:page_edit", args=[other.slug]), form_data(other, slug="nouveau-nom")
    )
    assert "déjà proposée pour une autre page" in response.text
    assert Page.objects.get(pk=other.pk).slug == other.slug
    assert make_page("Nouveau nom", by=staff).slug == "nouveau-nom-2"


def test_a_proposal_whose_address_was_taken_meanwhile_stops_the_publication(staff, writer):
    page = make_page("Parcours diabète", by=staff)
    services.propose_move(page, slug="pris", parent=None, by=writer)
    make_page("Autre", by=staff, slug="pris")
    with pytest.raises(ValidationError, match="déjà celle d'une autre page"):
        services.publish(page, by=staff)
    page.refresh_from_db()
    assert page.live_revision.number == 1 and page.slug != "pris"
