"""The Celery application: the broker is Redis when REDIS_URL is set, tasks run
eagerly in-process otherwise (see settings).

Periodic jobs: each app may define `BEAT_SCHEDULE` (a plain dict, no model
import) in its `schedule.py`; they are merged here for `celery beat`.
"""

import os
from importlib import import_module

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gecolib.settings")

SCHEDULE_APPS = ["gecolib", "structures", "facilitations"]

app = Celery("gecolib")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _beat_schedule() -> dict:
    schedule: dict = {}
    for label in SCHEDULE_APPS:
        try:
            module = import_module(f"{label}.schedule")
        except ModuleNotFoundError:
            continue
        schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
    return schedule


app.conf.beat_schedule = _beat_schedule()
