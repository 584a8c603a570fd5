"""Health checks for the process supervisor and the load balancer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu.exceptions import KombuError

from ..cache import FailoverRedisCache
from ..celery import app as celery_app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    """The shared cache itself, not the per-process fallback that stands in
    for Redis while it is down (gecolib/cache.py)."""
    cache = caches["default"]
    if isinstance(cache, FailoverRedisCache):
        return cache.reachable()
    key = "gecolib:healthz"
    cache.set(key, "ok", 5)
    return cache.get(key) == "ok"


def _broker_ok() -> bool:
    """One short connection attempt to the Celery broker (the in-process
    `memory://` broker when tasks run eagerly)."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2)
    except (KombuError, OSError):
        return False
    return True


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness: the process runs and the database answers. Redis being down
    does not make the portal dead (sign-in and forms still work)."""
    if not _database_ok():
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@never_cache
@require_GET
def healthz_ready(request):
    """Readiness, part by part: 200 when the database, the cache and the
    broker all answer, 503 naming those that do not (`down`)."""
    checks = {"database": _database_ok(), "cache": _cache_ok(), "broker": _broker_ok()}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "error" if down else "ok",
        **{name: "ok" if ok else "unreachable" for name, ok in checks.items()},
        "down": down,
    }
    return JsonResponse(body, status=503 if down else 200)
