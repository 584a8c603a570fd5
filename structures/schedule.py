"""Periodic jobs of the structures app, merged by gecolib.celery for celery beat."""

from celery.schedules import crontab

# Days before a CARPEC session when coordinators are reminded of it.
CARPEC_REMINDER_DAYS = 14

BEAT_SCHEDULE = {
    "structures-carpec-reminders": {
        "task": "structures.tasks.send_carpec_reminders",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"days": CARPEC_REMINDER_DAYS},
    },
}
