"""Recipients = readers (issue 19, principle 1): every e-mail of the guide
goes only to people who may read its object *now*. For each kind, the test
sends it in the cases that went wrong — an editor who lost the role, a
members-only page whose reader left their structure, a suggestion whose author
is gone — and checks that every recipient opens the object's page (200)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.models import SentNotification, User
from gecolib.reminders import run_reminders
from guide import notifications, services
from guide.enums import Audience, SuggestionStatus
from guide.models import GuideEditor, Page, PageRevision, Suggestion
from guide.reminders import GuideMonthlyDigest
from structures.models import Membership
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page

pytestmark = pytest.mark.django_db


def recipients(template: str) -> list[str]:
    rows = SentNotification.objects.filter(template=f"guide/emails/{template}")
    return sorted(email for row in rows for email in row.recipients)


def assert_all_read(client, emails, url: str) -> None:
    """recipients ⊆ readers: each recipient opens the object's page."""
    for email in emails:
        client.force_login(User.objects.get(email=email))
        assert client.get(url).status_code == 200, email
    client.logout()


def lose_role(user) -> None:
    GuideEditor.objects.filter(user=user).delete()


def leave_structures(user) -> None:
    Membership.objects.filter(user=user).update(end_date=timezone.localdate())


def in_review(page: Page, writer) -> Page:
    services.save_revision(
        page, page.draft_content() | {"body": "Nouveau."}, by=writer, base_revision=1
    )
    services.submit_for_review(page, by=writer)
    return Page.objects.get(pk=page.pk)


@pytest.fixture
def writer(professional):
    make_editor(professional)
    return professional


def test_review_requested_goes_to_active_staff_only(client, staff, writer):
    UserFactory(email="ancien.staff@exemple.fr", staff=True, is_active=False)
    page = in_review(make_page("Fiche", by=staff, audience=Audience.ADHERENTS), writer)
    notifications.review_requested(page, by=writer)
    assert recipients("review_requested") == [staff.email]
    assert_all_read(
        client, recipients("review_requested"), reverse("guide:page_edit", args=[page.slug])
    )


def test_review_approved_on_a_members_page_skips_a_former_editor(client, staff, writer):
    page = in_review(make_page("Fiche", by=staff, audience=Audience.ADHERENTS), writer)
    lose_role(writer)
    services.publish(page, by=staff)
    notifications.review_approved(Page.objects.get(pk=page.pk), by=staff)
    assert recipients("review_approved") == []


def test_review_approved_reaches_an_editor_who_reads_the_page(client, staff, writer):
    page = in_review(make_page("Fiche", by=staff, audience=Audience.ADHERENTS), writer)
    client.force_login(staff)
    client.post(reverse("guide:page_publish", args=[page.slug]))
    assert recipients("review_approved") == [writer.email]
    assert_all_read(client, recipients("review_approved"), page.get_absolute_url())


def test_changes_requested_skips_an_editor_who_lost_the_role(client, staff, writer):
    page = in_review(make_page("Fiche", by=staff), writer)
    lose_role(writer)
    client.force_login(staff)
    url = reverse("guide:page_request_changes", args=[page.slug])
    assert client.post(url, {"comment": "Ajoutez les dates."}).status_code == 302
    assert recipients("changes_requested") == []


def test_changes_requested_reaches_the_editor(client, staff, writer):
    page = in_review(make_page("Fiche", by=staff), writer)
    client.force_login(staff)
    client.post(
        reverse("guide:page_request_changes", args=[page.slug]), {"comment": "Ajoutez les dates."}
    )
    assert recipients("changes_requested") == [writer.email]
    assert_all_read(
        client, recipients("changes_requested"), reverse("guide:page_edit", args=[page.slug])
    )


def test_suggestion_received_goes_to_current_editors(client, staff, writer, member):
    former = UserFactory(email="ancienne.redactrice@exemple.fr")
    make_editor(former)
    lose_role(former)
    page = make_page("Fiche", by=staff, audience=Audience.ADHERENTS)
    suggestion = services.create_suggestion(
        page=page, title="Idée", text="Notre expérience.", author=member
    )
    assert recipients("suggestion_received") == sorted([staff.email, writer.email])
    assert_all_read(
        client,
        recipients("suggestion_received"),
        reverse("guide:suggestion", args=[suggestion.pk]),
    )


def test_suggestion_answered_skips_a_member_who_left(client, staff, member):
    page = make_page("Fiche", by=staff, audience=Audience.ADHERENTS)
    suggestion = Suggestion.objects.create(page=page, title="Idée", text="Texte.", author=member)
    leave_structures(member)
    client.force_login(staff)
    client.post(
        reverse("guide:suggestion", args=[suggestion.pk]),
        {"answer": "Merci, c'est noté.", "decision": "retenue"},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert recipients("suggestion_answered") == []


def test_suggestion_answered_without_an_author(client, staff):
    suggestion = Suggestion.objects.create(title="Idée", text="Texte.", author=None)
    client.force_login(staff)
    response = client.post(
        reverse("guide:suggestion", args=[suggestion.pk]),
        {"answer": "Merci.", "decision": "non_retenue"},
    )
    assert response.status_code == 302 and recipients("suggestion_answered") == []


def test_suggestion_answered_reaches_a_member_who_reads_the_page(client, staff, member):
    page = make_page("Fiche", by=staff, audience=Audience.ADHERENTS)
    suggestion = Suggestion.objects.create(page=page, title="Idée", text="Texte.", author=member)
    client.force_login(staff)
    client.post(
        reverse("guide:suggestion", args=[suggestion.pk]),
        {"answer": "Merci.", "decision": "retenue"},
    )
    assert recipients("suggestion_answered") == [member.email]
    assert_all_read(client, recipients("suggestion_answered"), page.get_absolute_url())


def test_monthly_digest_goes_to_current_editors(client, staff, writer):
    former = UserFactory(email="ancienne.redactrice@exemple.fr")
    make_editor(former)
    lose_role(former)
    page = make_page("Ancienne fiche", by=staff)
    PageRevision.objects.filter(pk=page.live_revision_id).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    run_reminders(timezone.localdate(), kinds=[GuideMonthlyDigest()])
    assert recipients("digest") == sorted([staff.email, writer.email])
    assert_all_read(client, recipients("digest"), reverse("guide:to_review"))


def test_a_double_click_sends_each_review_email_once(client, staff, writer):
    page = in_review(make_page("Fiche", by=staff), writer)
    client.force_login(writer)
    client.post(reverse("guide:page_review", args=[page.slug]))
    assert SentNotification.objects.filter(template="guide/emails/review_requested").count() == 0
    client.force_login(staff)
    url = reverse("guide:page_request_changes", args=[page.slug])
    for _ in range(2):
        assert client.post(url, {"comment": "Ajoutez les dates."}).status_code == 302
    assert recipients("changes_requested") == [writer.email]
