"""The shared cache (Redis) that survives a Redis outage.

What the cache holds is allauth's: the login and sign-up rate limits, and the
TOTP codes already used (a code is refused twice within its period). With a
plain `RedisCache`, every sign-in answers 500 while Redis is down.

Choice: **fail over to a per-process memory cache, with a log line**, rather
than to the database:

- nothing to deploy or migrate (a database cache needs `createcachetable`),
  and no extra writes on the database on every login attempt;
- unlike a cache that merely "misses", it keeps allauth's semantics: limits
  still count (per worker process, so a little looser during the outage) and
  a used TOTP code is still refused — a cache whose `add()` always failed
  would refuse every TOTP code, and one whose `add()` always succeeded would
  let a code be replayed;
- sign-in still needs the password and, for staff and facilitators, TOTP;
  what is lost for the outage's duration is only the sharing of counters
  between processes.

After a failure, Redis is left alone for `RETRY_AFTER` seconds (so an
unreachable host costs one short time-out, not one per call); the outage is
logged at most once per `LOG_EVERY` seconds. Short socket time-outs are set in
settings (`CACHES["default"]["OPTIONS"]`).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Refused or timed-out connections, but also a server that answers nonsense or
# refuses writes (out of memory, read-only replica): all mean "no shared cache".
REDIS_ERRORS = (RedisError, OSError)
RETRY_AFTER = 10.0
LOG_EVERY = 60.0


class _Outage:
    """What the threads of a process know of one Redis server's outage."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = -LOG_EVERY


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class FailoverRedisCache(RedisCache):
    """`RedisCache` that falls back to a process-local memory cache while
    Redis is unreachable, and goes back to Redis once it answers again.

    Django makes one instance per thread: the fallback's storage and the
    outage's state are shared by the threads of the process (keyed by the
    Redis location)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        self._fallback = LocMemCache(f"gecolib-failover:{location}", params)
        self._outage = _outage(location)

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._outage.down_until

    def reachable(self) -> bool:
        """Whether Redis answers now (for /healthz/ready), bypassing the fallback."""
        try:
            return bool(self._cache.get_client().ping())
        except REDIS_ERRORS:
            return False

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        outage = self._outage
        with outage.lock:
            outage.down_until = now + RETRY_AFTER
            if now - outage.logged_at < LOG_EVERY:
                return
            outage.logged_at = now
        logger.warning(
            "Cache Redis injoignable (%s) : cache en mémoire du processus à la place "
            "(limites de connexion comptées par processus) jusqu'à son retour.",
            error,
        )

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.is_down:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except REDIS_ERRORS as error:
                self._failed(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    # The methods RedisCache implements itself (BaseCache's others call these).

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)
