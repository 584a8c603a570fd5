"""The Celery application: the broker is Redis when REDIS_URL is set, tasks run
eagerly in-process otherwise (see settings).

The beat schedule is defined here, once: the daily reminders (every app
declares its kinds in its `reminders.py`, see gecolib/reminders.py) and the
sweep of notifications left unsent, and the guide's scheduled publications
(every five minutes).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gecolib.settings")

# How often the sweep sends again the notifications left unsent.
SWEEP_EVERY_MINUTES = 5

app = Celery("gecolib")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "gecolib-send-reminders": {
        "task": "gecolib.tasks.send_reminders",
        # Every morning at 7:30, Europe/Paris (CELERY_TIMEZONE).
        "schedule": crontab(hour=7, minute=30),
    },
    "gecolib-sweep-exports": {
        "task": "gecolib.background_exports.sweep_exports",
        "schedule": crontab(hour=3, minute=30),
    },
    "gecolib-sweep-pdf-cache": {
        "task": "gecolib.tasks.sweep_pdf_cache",
        "schedule": crontab(hour=3, minute=15),
    },
    "guide-publish-scheduled-pages": {
        "task": "guide.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 5 * 60},
    },
    "guide-purge-pending-uploads": {
        "task": "guide.tasks.purge_pending_uploads",
        "schedule": crontab(hour=3, minute=45),
    },
    "guide-purge-autosaves": {
        "task": "guide.tasks.purge_autosaves",
        "schedule": crontab(hour=3, minute=50),
    },
    "gecolib-send-pending-notifications": {
        "task": "gecolib.tasks.send_pending_notifications",
        "schedule": crontab(minute=f"*/{SWEEP_EVERY_MINUTES}"),
        # Sweeps queued during a broker outage are not worth piling up.
        "options": {"expires": SWEEP_EVERY_MINUTES * 60},
    },
}
