"""Periodic work of the guide (the beat schedule lives in gecolib/celery.py)."""

from celery import shared_task

from . import services


@shared_task
def publish_scheduled_pages() -> int:
    """Publish the pages whose scheduled time has come."""
    return len(services.publish_scheduled())
