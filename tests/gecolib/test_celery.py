"""A real Celery worker consuming from the real Redis broker."""

import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from gecolib.celery import app
from gecolib.tasks import send_email

REDIS_URL = os.environ.get("REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL non défini : pas de broker Redis à tester")
@pytest.mark.django_db(transaction=True)
def test_task_runs_end_to_end_through_redis():
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    app.conf.result_backend = REDIS_URL
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = send_email.delay("Test du broker", "Bonjour", ["test@exemple.fr"])
            assert result.get(timeout=20) == 1
    finally:
        app.conf.task_always_eager = True
    assert mail.outbox[-1].subject.endswith("Test du broker")
