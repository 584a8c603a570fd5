"""Background jobs of the facilitations."""

from __future__ import annotations

from celery import shared_task

from .feedback import send_questionnaires
from .models import Facilitation


@shared_task(ignore_result=True)
def send_feedback_questionnaires(facilitation_id: int) -> int:
    """Send the questionnaire of a facilitation just closed (once; the daily
    job sends it if this task was lost)."""
    facilitation = Facilitation.objects.select_related("request").filter(pk=facilitation_id).first()
    if facilitation is None:
        return 0
    return send_questionnaires(facilitation)
