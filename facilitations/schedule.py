"""Periodic jobs of the facilitation workflow, merged by gecolib/celery.py."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "facilitations-followup-reminders": {
        "task": "facilitations.tasks.send_followup_reminders",
        # Every morning at 7:30 (Europe/Paris, CELERY_TIMEZONE).
        "schedule": crontab(hour=7, minute=30),
    },
}
