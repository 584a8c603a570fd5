"""Never lose a word: the editor's unsaved text is kept (privately, not as a
version), offered back with a diff, deleted when saved or discarded, purged
when old; its cost per request is pinned."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from guide import services
from guide.models import PageAutosave
from guide.tasks import purge_autosaves
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page

pytestmark = pytest.mark.django_db

NIR = "1 85 05 78 006 084 91"


def autosave(client, page, **data):
    payload = {"title": page.title, "body": "Texte en cours.", "base_revision": "1"} | data
    return client.post(reverse("guide:page_autosave", args=[page.slug]), payload)


def test_the_autosave_is_private_and_is_offered_back_with_a_diff(client, staff):
    page = make_page("Coordination", body="Texte publié.", by=staff)
    client.force_login(staff)
    response = autosave(client, page, body="Texte publié, complété par la rédactrice.")
    assert response.status_code == 200
    assert json.loads(response.content)["message"].startswith("Texte sauvegardé automatiquement")
    page.refresh_from_db()
    assert page.latest_revision.number == 1  # not a version
    html = client.get(reverse("guide:page_edit", args=[page.slug])).text
    assert "Reprendre le texte non enregistré du" in html
    assert "complété par la rédactrice" in html  # in the diff

    # Another editor sees nothing of it.
    other = UserFactory(email="redactrice@exemple.fr")
    make_editor(other)
    client.force_login(other)
    assert "Reprendre le texte" not in client.get(reverse("guide:page_edit", args=[page.slug])).text


def test_resuming_fills_the_form_and_saving_deletes_the_autosave(client, staff):
    page = make_page("Coordination", body="Texte publié.", by=staff)
    client.force_login(staff)
    autosave(client, page, body="Texte repris.")
    url = reverse("guide:page_edit", args=[page.slug])
    html = client.get(url + "?reprendre=1").text
    assert "Texte repris.</textarea>" in html
    assert "Texte repris de la sauvegarde automatique" in html
    data = {
        "title": page.title,
        "summary": "",
        "body": "Texte repris.",
        "kind": "page",
        "audience": "public",
        "parent": "",
        "slug": page.slug,
        "review_months": 12,
        "base_revision": 1,
        "comment": "",
        "action": "save",
    }
    assert client.post(url, data).status_code == 302
    assert not PageAutosave.objects.exists()
    page.refresh_from_db()
    assert page.latest_revision.body == "Texte repris."


def test_discarding_and_an_identical_text_leave_nothing_to_offer(client, staff):
    page = make_page("Coordination", body="Texte publié.", by=staff)
    client.force_login(staff)
    autosave(client, page, body="Autre texte.")
    client.post(reverse("guide:page_autosave_discard", args=[page.slug]))
    assert not PageAutosave.objects.exists()
    autosave(client, page, body="Texte publié.")  # what is saved already
    assert "Reprendre le texte" not in client.get(reverse("guide:page_edit", args=[page.slug])).text
    assert not PageAutosave.objects.exists()


def test_a_patient_identifier_is_never_kept_by_the_autosave(client, staff):
    """Possible names are confirmed when the text is saved as a version; a
    NIR is not even kept for a while (the previous autosave stays)."""
    page = make_page("Coordination", body="Texte publié.", by=staff)
    client.force_login(staff)
    assert autosave(client, page, body="Le Dr Martin anime.").status_code == 200
    response = autosave(client, page, body=f"Patient {NIR}.")
    assert response.status_code == 400
    assert "suspendue" in json.loads(response.content)["message"]
    assert PageAutosave.objects.get().content["body"] == "Le Dr Martin anime."


def test_old_autosaves_are_purged():
    staff = UserFactory(email="staff@exemple.fr", staff=True)
    page = make_page("Coordination", by=staff)
    services.autosave(page, staff, page.draft_content() | {"body": "x"}, base_revision=1)
    PageAutosave.objects.update(saved_at=timezone.now() - datetime.timedelta(days=31))
    assert purge_autosaves.delay().get() == 1  # the nightly task
    assert not PageAutosave.objects.exists()


@pytest.mark.parametrize("times", [1, 5])
def test_an_autosave_costs_a_fixed_number_of_queries(
    client, staff, times, django_assert_num_queries
):
    page = make_page("Coordination", by=staff)
    client.force_login(staff)
    autosave(client, page)  # the first one inserts
    for n in range(times):
        # session, user, MFA check, the page (with its revisions), the update.
        with django_assert_num_queries(5):
            autosave(client, page, body=f"Texte {n}.")
