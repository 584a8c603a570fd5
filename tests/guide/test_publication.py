"""Revision and publication rules: a draft never leaks, scheduling, concurrent saves."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from guide import services
from guide.enums import Audience
from guide.models import Page
from guide.tasks import publish_scheduled_pages
from tests.guide.factories import make_page

pytestmark = pytest.mark.django_db


def content(page, **changes):
    return page.draft_content() | changes


def test_a_new_page_is_a_draft_nobody_but_editors_reads(client, staff, professional):
    page = services.create_page(title="Brouillon secret", body="Texte secret", by=staff)
    assert not page.is_live
    assert not Page.objects.visible_to(professional).filter(pk=page.pk).exists()
    assert client.get(reverse("guide:page", args=[page.slug])).status_code == 404
    client.force_login(staff)
    assert "Texte secret" in client.get(reverse("guide:page", args=[page.slug])).text


def test_a_draft_never_leaks_to_visitors(client, staff):
    page = make_page("Équipe de soins primaires", body="Version publiée.", by=staff)
    services.save_revision(
        page,
        content(page, body="Version de travail non relue.", title="Nouveau titre"),
        by=staff,
        base_revision=page.latest_revision.number,
    )
    page.refresh_from_db()
    assert page.has_draft
    assert page.body == "Version publiée."
    assert page.title == "Équipe de soins primaires"
    response = client.get(page.get_absolute_url())
    assert "Version publiée." in response.text
    assert "non relue" not in response.text
    assert "Nouveau titre" not in response.text
    services.publish(page, by=staff)
    page.refresh_from_db()
    assert page.body == "Version de travail non relue."
    assert page.title == "Nouveau titre"
    assert not page.has_draft


def test_unpublish_takes_the_page_offline(client, staff):
    page = make_page("Page", by=staff)
    services.unpublish(page, by=staff)
    assert client.get(page.get_absolute_url()).status_code == 404


def test_scheduled_publication_waits_for_its_time(staff):
    page = make_page("Programmée", body="Ancien.", by=staff)
    services.save_revision(
        page, content(page, body="Nouveau."), by=staff, base_revision=page.latest_revision.number
    )
    when = timezone.now() + datetime.timedelta(hours=2)
    services.schedule(page, when, by=staff)
    assert publish_scheduled_pages.delay().get() == 0
    page.refresh_from_db()
    assert page.body == "Ancien."
    assert services.publish_scheduled(now=when + datetime.timedelta(minutes=1)) == [page]
    page.refresh_from_db()
    assert page.body == "Nouveau."
    assert page.scheduled_at is None


def test_scheduling_in_the_past_is_refused(staff):
    page = make_page("Page", by=staff)
    with pytest.raises(ValidationError):
        services.schedule(page, timezone.now() - datetime.timedelta(minutes=1), by=staff)


def test_a_second_concurrent_save_is_refused_and_nothing_is_lost(staff, facilitator):
    page = make_page("Page partagée", body="Départ.", by=staff)
    base = page.latest_revision.number
    services.save_revision(
        page, content(page, body="Texte de Claire."), by=staff, base_revision=base
    )
    with pytest.raises(services.ConcurrentEditError) as error:
        services.save_revision(
            page, content(page, body="Texte de Yann."), by=facilitator, base_revision=base
        )
    assert error.value.latest.body == "Texte de Claire."
    assert page.revisions.count() == 2


def test_restore_makes_a_new_draft_revision(staff):
    page = make_page("Page", body="Un.", by=staff)
    first = page.latest_revision
    services.save_revision(page, content(page, body="Deux."), by=staff, base_revision=first.number)
    services.publish(page, by=staff)
    new = services.restore(page, first, by=staff)
    page.refresh_from_db()
    assert new.number == 3 and new.body == "Un." and new.restored_from == first
    assert page.body == "Deux."  # live unchanged until published
    assert page.has_draft


def test_audience(staff, professional, member, facilitator):
    public = make_page("Publique", by=staff)
    connected = make_page("Connectés", by=staff, audience=Audience.CONNECTES)
    members = make_page("Adhérents", by=staff, audience=Audience.ADHERENTS)
    from django.contrib.auth.models import AnonymousUser

    assert set(Page.objects.visible_to(AnonymousUser())) == {public}
    assert set(Page.objects.visible_to(professional)) == {public, connected}
    assert set(Page.objects.visible_to(member)) == {public, connected, members}
    assert set(Page.objects.visible_to(facilitator)) == {public, connected, members}


def test_renamed_slug_redirects_permanently(client, staff):
    page = make_page("Ancien nom", by=staff)
    services.change_slug(page, "nouveau-nom")
    response = client.get("/guide/ancien-nom/")
    assert response.status_code == 301
    assert response["Location"] == "/guide/nouveau-nom/"


def test_archived_page_answers_410_and_can_be_restored(client, staff):
    page = make_page("Archivée", by=staff)
    services.archive(page, by=staff)
    assert client.get(page.get_absolute_url()).status_code == 410
    services.unarchive(page, by=staff)
    services.publish(page, by=staff)
    assert client.get(page.get_absolute_url()).status_code == 200
