"""Double submissions create one object and one e-mail (issue 8, finding 10),
and the follow-up formset enforces its maximum (finding 11)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from facilitations.forms.log import FOLLOW_UP_MAX
from facilitations.models import (
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    RequestMessage,
    Session,
)
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import EPCI
from tests.facilitations.factories import FacilitationRequestFactory
from tests.facilitations.test_requests import _data as request_data

pytestmark = pytest.mark.django_db


def _session_data(token: str, rows: int = 0, total: int | None = None, **extra) -> dict:
    today = timezone.localdate()
    data = {
        "date": today.isoformat(),
        "duration_minutes": "90",
        "mode": "visio",
        "phase": "mesure",
        "help_given": [HelpType.objects.first().pk],
        "shared_summary": "Point d'étape.",
        "suivi-TOTAL_FORMS": str(rows if total is None else total),
        "suivi-INITIAL_FORMS": "0",
        "suivi-MIN_NUM_FORMS": "0",
        "suivi-MAX_NUM_FORMS": "10",
        TOKEN_FIELD: token,
    }
    due = (today + datetime.timedelta(days=7)).isoformat()
    for i in range(rows):
        data[f"suivi-{i}-title"] = f"Action {i}"
        data[f"suivi-{i}-due_date"] = due
    data.update(extra)
    return data


def test_four_identical_request_posts_make_one_request_and_one_email(
    client, professional, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    data = request_data()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(reverse("facilitations:request_create"), data) for _ in range(4)]
    req = FacilitationRequest.objects.get()
    target = reverse("facilitations:request_detail", args=[req.pk])
    assert [r.status_code for r in responses] == [302] * 4
    assert {r["Location"] for r in responses} == {target}
    assert len(mail.outbox) == 1
    # The replays say that nothing was recorded a second time.
    page = client.get(target).content.decode()
    assert "rien n&#x27;a été enregistré une seconde fois" in page


def test_a_request_without_its_token_saves_nothing(client, professional):
    client.force_login(professional)
    data = request_data()
    del data[TOKEN_FIELD]
    response = client.post(reverse("facilitations:request_create"), data)
    assert response.status_code == 200
    assert "rechargez la page" in response.content.decode()
    assert not FacilitationRequest.objects.exists()
    assert EPCI.objects.exists()


def test_four_identical_message_posts_make_one_message_and_one_email(
    client, professional, staff, django_capture_on_commit_callbacks
):
    req = FacilitationRequestFactory(requester=professional)
    client.force_login(professional)
    url = reverse("facilitations:request_message", args=[req.pk])
    data = {"body": "Nous sommes disponibles en juin.", TOKEN_FIELD: new_token()}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(url, data) for _ in range(4)]
    assert {r["Location"] for r in responses} == {
        reverse("facilitations:request_detail", args=[req.pk])
    }
    assert RequestMessage.objects.filter(request=req).count() == 1
    assert len(mail.outbox) == 1


def test_four_identical_session_posts_log_one_session(client, facilitation, facilitator):
    client.force_login(facilitator)
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    data = _session_data(new_token(), rows=1)
    responses = [client.post(url, data) for _ in range(4)]
    assert {r["Location"] for r in responses} == {
        reverse("facilitations:detail", args=[facilitation.pk])
    }
    assert Session.objects.count() == 1
    assert FollowUpAction.objects.count() == 1


def test_four_identical_follow_up_posts_add_one(client, facilitation, facilitator):
    client.force_login(facilitator)
    url = reverse("facilitations:followup_create", args=[facilitation.pk])
    data = {"title": "Relancer l'ARS", "due_date": "2030-01-01", TOKEN_FIELD: new_token()}
    for _ in range(4):
        assert client.post(url, data).status_code == 302
    assert FollowUpAction.objects.count() == 1


def test_a_thousand_follow_up_rows_are_refused_without_being_built(
    client, facilitation, facilitator, django_assert_max_num_queries
):
    client.force_login(facilitator)
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    # A thousand rows announced, 400 filled (Django refuses more than 1,000
    # fields per request anyway): no more than the absolute maximum is built.
    data = _session_data(new_token(), rows=400, total=1000)
    # The page's fixed queries (35 today), none per announced row.
    with django_assert_max_num_queries(40):
        response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Au plus {FOLLOW_UP_MAX} actions de suivi par séance" in html
    assert len(html) < 300_000
    assert not Session.objects.exists()
    assert not FollowUpAction.objects.exists()


def test_eleven_follow_up_rows_are_refused_ten_accepted(client, facilitation, facilitator):
    client.force_login(facilitator)
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    response = client.post(url, _session_data(new_token(), rows=FOLLOW_UP_MAX + 1))
    assert response.status_code == 200
    assert not Session.objects.exists()
    response = client.post(url, _session_data(new_token(), rows=FOLLOW_UP_MAX))
    assert response.status_code == 302
    assert FollowUpAction.objects.count() == FOLLOW_UP_MAX
