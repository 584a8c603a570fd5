"""Outages that lose nothing.

Redis stopped (cache and broker pointed at a closed port, tasks no longer run
in-process): signing in and forms still work, nothing hangs, the readiness
probe names what is down, and once Redis is back the sweep delivers every
e-mail exactly once. The mail server down then back: reminders and
notifications stay unsent, then are each delivered exactly once.
"""

import datetime
import logging
import smtplib
import time
from unittest import mock

import pytest
from allauth.mfa.totp.internal import auth as totp_auth
from django.core import mail
from django.core.cache import cache, caches
from django.core.mail.backends.locmem import EmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from facilitations.models import FacilitationRequest
from gecolib import cache as failover
from gecolib.celery import app as celery_app
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import SentNotification
from gecolib.notifications import notify
from gecolib.tasks import send_pending_notifications, send_reminders
from tests.facilitations.factories import FacilitationRequestFactory, FollowUpFactory
from tests.factories import PASSWORD, UserFactory
from tests.gecolib.test_notifications import TEMPLATE, invitation_context
from tests.gecolib.test_reminders import OTHER_KINDS
from tests.structures.factories import CarpecReviewFactory, CarpecSessionFactory

pytestmark = pytest.mark.django_db

# Nothing listens there: connections are refused at once.
CLOSED = "redis://127.0.0.1:6399/0"
# "No request takes more than ~2 s."
SLOW = 2.0


def _reset_celery_connections() -> None:
    """Forget the pooled broker connections, so the next publish uses broker_url."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    """The cache and the Celery broker on a closed port, as in production with
    REDIS_URL set (a real worker, tasks not run in-process) and Redis stopped."""
    settings.CACHES = {
        "default": {
            "BACKEND": "gecolib.cache.FailoverRedisCache",
            "LOCATION": CLOSED,
            "KEY_PREFIX": "gecolib",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    # A fresh outage: nothing remembered from a previous test.
    failover._outages.clear()
    caches["default"]._fallback.clear()
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = CLOSED
    celery_app.conf.task_always_eager = False
    _reset_celery_connections()
    yield
    celery_app.conf.broker_url = previous
    celery_app.conf.task_always_eager = True
    _reset_celery_connections()


def redis_back(settings) -> None:
    """Redis is back: what the fixture changed goes back to the test defaults
    (in-memory cache, tasks in-process)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    celery_app.conf.broker_url = "memory://"
    celery_app.conf.task_always_eager = True
    _reset_celery_connections()


class Timed:
    """A test client whose every request must answer within SLOW seconds."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, method):
        call = getattr(self.client, method)

        def timed(*args, **kwargs):
            start = time.monotonic()
            response = call(*args, **kwargs)
            elapsed = time.monotonic() - start
            assert elapsed < SLOW, f"{method} {args[0]} : {elapsed:.1f} s"
            return response

        return timed


def age_all(minutes: int = 15) -> None:
    """As if stored `minutes` ago: the sweep only takes notifications left behind."""
    SentNotification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))


def sweep() -> int:
    return send_pending_notifications.delay().get()


# -- Redis down ----------------------------------------------------------------------------


def test_sign_in_works_with_redis_down(client, redis_down, professional):
    client = Timed(client)
    response = client.post(
        reverse("account_login"), {"login": professional.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_sign_in_with_totp_works_with_redis_down(client, redis_down, staff, monkeypatch):
    """The TOTP step records the used code in the cache: with Redis down it
    still goes through, and the same code is still refused a second time."""
    code = "123456"
    # Any code is a right one here: what is tested is the cache's part.
    monkeypatch.setattr(totp_auth, "validate_totp_code", lambda secret, code: True)
    client = Timed(client)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200

    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # the replayed code is refused


def test_a_request_is_saved_and_says_so_with_redis_down(
    client, redis_down, settings, professional, django_capture_on_commit_callbacks
):
    """Finding: the request hung 19 s, then said « Rien n'a été enregistré »
    although it was saved, and its e-mail was never sent."""
    sample = FacilitationRequestFactory()
    client.force_login(professional)
    client = Timed(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facilitations:request_create"),
            {
                "project_name": "Projet de Plouguerneau",
                "epci": sample.epci_id,
                "needs": [sample.needs.first().pk],
                "description": "Nous voulons nous coordonner.",
                TOKEN_FIELD: new_token(),
            },
            follow=True,
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Votre demande est déposée" in page
    assert "Rien n'a été enregistré" not in page
    saved = FacilitationRequest.objects.get(requester=professional)
    assert response.redirect_chain[-1][0] == reverse(
        "facilitations:request_detail", kwargs={"pk": saved.pk}
    )
    notification = SentNotification.objects.get(key=f"request-{saved.pk}-received")
    assert notification.sent_at is None
    assert mail.outbox == []

    redis_back(settings)
    age_all()
    assert sweep() == 1
    assert sweep() == 0
    assert [message.to for message in mail.outbox] == [[professional.email]]


def test_queueing_with_the_broker_down_takes_under_a_second(
    redis_down, structure, staff, django_capture_on_commit_callbacks
):
    """notify() and the commit that queues the e-mail, broker down."""
    start = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify("a@exemple.fr", TEMPLATE, invitation_context(structure, staff), key="panne")
    assert time.monotonic() - start < 1
    assert SentNotification.objects.get(key="panne").sent_at is None


def test_readiness_names_what_is_down(client, redis_down):
    client = Timed(client)
    assert client.get(reverse("healthz")).status_code == 200  # alive all the same
    response = client.get(reverse("healthz_ready"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "unreachable",
        "broker": "unreachable",
        "down": ["cache", "broker"],
    }


def test_readiness_when_everything_answers(client):
    response = client.get(reverse("healthz_ready"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "down": [],
    }


def test_readiness_names_the_database(client):
    with mock.patch("gecolib.views.health._database_ok", return_value=False):
        response = client.get(reverse("healthz_ready"))
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_the_cache_falls_back_to_memory_and_logs_once(redis_down, caplog):
    """Fail over, not fail open: allauth's `add()` (a lock, a used TOTP code)
    keeps its meaning, and counters still count, in the process's memory."""
    with caplog.at_level(logging.WARNING, logger="gecolib.cache"):
        assert cache.get("absent") is None
        assert cache.add("verrou", 1) is True
        assert cache.add("verrou", 1) is False
        cache.set("compteur", [1, 2])
        assert cache.get("compteur") == [1, 2]
        cache.set("tentatives", 1)
        assert cache.incr("tentatives") == 2
    outage_lines = [r for r in caplog.records if "Cache Redis injoignable" in r.getMessage()]
    assert len(outage_lines) == 1


def test_the_cache_leaves_redis_alone_for_a_while_then_goes_back(redis_down):
    """After a failure Redis is not tried again for RETRY_AFTER seconds (an
    unreachable host costs one time-out, not one per call), in every thread."""
    backend = caches["default"]
    assert isinstance(backend, failover.FailoverRedisCache)
    cache.set("x", "en mémoire")
    assert backend.is_down
    # Another thread's instance knows, and shares the memory fallback.
    other_thread = failover.FailoverRedisCache(CLOSED, {"KEY_PREFIX": "gecolib"})
    assert other_thread.is_down
    assert other_thread.get("x") == "en mémoire"
    with mock.patch.object(failover.RedisCache, "get", return_value="depuis Redis") as get:
        assert cache.get("x") == "en mémoire"
        get.assert_not_called()
        backend._outage.down_until = 0  # RETRY_AFTER seconds later
        assert cache.get("x") == "depuis Redis"
        get.assert_called_once()


# -- the mail server down, then back -------------------------------------------------------


@pytest.fixture(params=[OSError("SMTP injoignable"), smtplib.SMTPServerDisconnected("coupé")])
def smtp_down(request):
    return mock.patch.object(EmailBackend, "send_messages", side_effect=request.param)


def test_smtp_down_then_back_delivers_every_email_and_reminder_once(
    smtp_down, structure, coordinator, facilitation, member, django_capture_on_commit_callbacks
):
    """Finding: with SMTP down, the reminder was recorded as sent and never
    sent again. Now nothing is marked sent before the mail server took it."""
    today = timezone.localdate()
    session = CarpecSessionFactory(date=today + datetime.timedelta(days=5))
    CarpecReviewFactory(structure=structure, session=session)
    FollowUpFactory(facilitation=facilitation, assignee=member, overdue=True)
    FollowUpFactory(
        facilitation=facilitation, assignee=member, due_date=today + datetime.timedelta(days=1)
    )
    with smtp_down, django_capture_on_commit_callbacks(execute=True):
        first = send_reminders.delay().get()
        structure.invite("nouvelle@exemple.fr", "membre", by=coordinator)
        # The daily job again (beat retried) and the sweep during the outage.
        second = send_reminders.delay().get()
        age_all()
        assert sweep() == 0
    nothing_elsewhere = dict.fromkeys(OTHER_KINDS, 0)
    assert first == {
        "carpec_review": 1,
        "followup_due_tomorrow": 1,
        "followup_overdue": 1,
        **nothing_elsewhere,
    }
    assert second == {
        "carpec_review": 0,
        "followup_due_tomorrow": 0,
        "followup_overdue": 0,
        **nothing_elsewhere,
    }
    assert mail.outbox == []
    assert SentNotification.objects.count() == 4
    assert not SentNotification.objects.filter(sent_at__isnull=False).exists()

    assert sweep() == 4
    assert sweep() == 0
    assert not SentNotification.objects.filter(sent_at__isnull=True).exists()
    keys = sorted(SentNotification.objects.values_list("key", flat=True))
    assert len(mail.outbox) == 4
    assert len({message.subject + ",".join(message.to) for message in mail.outbox}) == 4
    assert len(keys) == len(set(keys))


def test_smtp_down_when_a_request_is_sent_then_back(
    client, smtp_down, professional, django_capture_on_commit_callbacks
):
    sample = FacilitationRequestFactory(requester=UserFactory())
    client.force_login(professional)
    with smtp_down, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facilitations:request_create"),
            {
                "project_name": "Projet de Lannilis",
                "epci": sample.epci_id,
                "needs": [sample.needs.first().pk],
                "description": "Nous voulons nous coordonner.",
                TOKEN_FIELD: new_token(),
            },
            follow=True,
        )
    assert "Votre demande est déposée" in response.content.decode()
    assert FacilitationRequest.objects.filter(requester=professional).count() == 1
    age_all()
    assert sweep() == 1
    assert sweep() == 0
    assert [message.to for message in mail.outbox] == [[professional.email]]


def test_the_error_page_does_not_claim_nothing_was_saved():
    """A server error may come after a save: the page must not say otherwise."""
    page = render_to_string("500.html")
    assert "Rien n'a été enregistré" not in page
    assert "vérifiez" in page
