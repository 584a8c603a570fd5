"""Periodic work of the guide (the beat schedule lives in gecolib/celery.py)."""

from celery import shared_task

from . import services
from .services.attachments import purge_pending


@shared_task
def publish_scheduled_pages() -> int:
    """Publish the pages whose scheduled time has come."""
    return len(services.publish_scheduled())


@shared_task
def purge_pending_uploads() -> int:
    """Delete the files dropped in the media chooser for pages never saved."""
    return purge_pending()


@shared_task
def purge_autosaves() -> int:
    """Delete the editors' unsaved texts nobody came back for (30 days)."""
    return services.purge_stale_autosaves()
