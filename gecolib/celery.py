"""The Celery application: the broker is Redis when REDIS_URL is set, tasks run
eagerly in-process otherwise (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gecolib.settings")

app = Celery("gecolib")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
