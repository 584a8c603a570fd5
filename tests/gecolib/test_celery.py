"""A real Celery worker consuming from the real Redis broker."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from gecolib.celery import app
from gecolib.models import SentNotification
from gecolib.notifications import send_notification

REDIS_URL = os.environ.get("REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL non défini : pas de broker Redis à tester")
@pytest.mark.django_db(transaction=True)
def test_notification_sent_end_to_end_through_redis():
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    app.conf.result_backend = REDIS_URL
    notification = SentNotification.objects.create(
        key="test-du-broker",
        recipients=["test@exemple.fr"],
        subject="Test du broker",
        body="Bonjour",
    )
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            send_notification.delay(notification.pk)
            deadline = time.monotonic() + 20
            sent = SentNotification.objects.filter(pk=notification.pk, sent_at__isnull=False)
            while not sent.exists():
                assert time.monotonic() < deadline, "notification non envoyée par le worker"
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert mail.outbox[-1].subject.endswith("Test du broker")
