"""The monthly digest to editors (sent once a month) and the guide's demo data."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gecolib.demo import load_users
from gecolib.reminders import run_reminders
from guide import services
from guide.demo import REVIEW_SLUG, load_guide_demo
from guide.models import GuideEditor, Page, PageRevision, Suggestion
from guide.reminders import GuideMonthlyDigest
from tests.guide.factories import make_editor, make_page

pytestmark = pytest.mark.django_db


def test_page_older_than_its_review_period_is_to_review(client, staff):
    page = make_page("Ancienne fiche", by=staff)
    fresh = make_page("Fiche récente", by=staff)
    PageRevision.objects.filter(pk=page.live_revision_id).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert Page.objects.due_for_review() == [page]
    client.force_login(staff)
    html = client.get("/guide/a-relire/").text
    assert "Ancienne fiche" in html and fresh.title not in html


def test_monthly_digest_is_sent_once(staff, professional, django_capture_on_commit_callbacks):
    make_editor(professional)
    page = make_page("Ancienne fiche", by=staff)
    PageRevision.objects.filter(pk=page.live_revision_id).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today, kinds=[GuideMonthlyDigest()]) == {"guide_digest": 2}
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today, kinds=[GuideMonthlyDigest()]) == {"guide_digest": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, professional.email])
    assert "Ancienne fiche" in mail.outbox[0].body


def test_no_digest_when_nothing_waits(staff):
    make_page("Fiche récente", by=staff)
    assert run_reminders(timezone.localdate(), kinds=[GuideMonthlyDigest()]) == {"guide_digest": 0}


def test_demo_data_is_idempotent():
    users = load_users()
    load_guide_demo(users)
    load_guide_demo(users)
    page = Page.objects.get(slug=REVIEW_SLUG)
    assert page.is_live and page.in_review and page.has_draft
    assert page.review_requested_by.email == "infirmiere@demo.gecolib.fr"
    # Version 2 is in review; version 3, saved since, is not part of it.
    assert page.review_revision.number == 2 and page.latest_revision.number == 3
    assert Suggestion.objects.get().proposes_text
    assert GuideEditor.objects.filter(user__email="infirmiere@demo.gecolib.fr").count() == 1
    assert Suggestion.objects.waiting().count() == 1


def test_editors_dashboard_panel(client, staff, professional, member):
    page = make_page("Fiche", by=staff)
    services.save_revision(
        page, page.draft_content() | {"body": "Nouveau."}, by=staff, base_revision=1
    )
    Suggestion.objects.create(title="Idée", text="Texte.", author=member)
    client.force_login(staff)
    html = client.get("/").text
    assert "1 page avec un brouillon non publié" in html
    assert "1 suggestion du réseau en attente" in html
    client.force_login(professional)
    assert "brouillon non publié" not in client.get("/").text
