"""Rate limits counted in the cache: the login's (gecolib/account_adapter.py)
and the contact form's.

A limit is written in allauth's syntax — "5/5m/key", "30/10m/ip", "20/m" (per
address) — several separated by commas. Each counter keeps the times of its
recent attempts; an attempt is recorded in every counter of its action, or in
none when one is full, and can be given back (a successful login). A
per-address limit counts an IPv6 client by its /64 network (one home or
office), as allauth does.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    """`amount` attempts per `seconds`, counted per client address ("ip") or
    per key ("key")."""

    amount: int
    seconds: float
    per: str

    @classmethod
    def parse(cls, text: str) -> Rate:
        """allauth's syntax: "5/5m/key", "30/10m/ip", "20/m" (per address)."""
        parts = text.strip().split("/")
        amount, duration, per = parts if len(parts) == 3 else [*parts, "ip"]
        unit = duration[-1:]
        if unit not in UNIT_SECONDS or per not in ("ip", "key"):
            raise ValueError(f"Invalid rate: {text!r}")
        return cls(int(amount), float(duration[:-1] or 1) * UNIT_SECONDS[unit], per)


def rates(action: str) -> list[Rate]:
    """The action's limits: allauth's ACCOUNT_RATE_LIMITS for the login (False
    there turns every limit off, as in allauth), the portal's own settings for
    its forms (`contact`: GECOLIB_CONTACT_RATE_LIMIT)."""
    portal = {"contact": settings.GECOLIB_CONTACT_RATE_LIMIT}
    text = portal.get(action) or (settings.ACCOUNT_RATE_LIMITS or {}).get(action) or ""
    return list(dict.fromkeys(Rate.parse(part) for part in text.split(",") if part.strip()))


@dataclass
class Attempt:
    """One attempt as recorded: (counter's cache key, time, timeout) each."""

    records: list[tuple[str, float, float]] = field(default_factory=list)

    def give_back(self) -> None:
        for cache_key, timestamp, timeout in self.records:
            with _locked(cache_key) as locked:
                if locked:  # otherwise the limit just stays a little stricter
                    history = [ts for ts in cache.get(cache_key, []) if ts != timestamp]
                    cache.set(cache_key, history, timeout)


def consume(action: str, *, address: str, key: str) -> Attempt | None:
    """Records one attempt in each of the action's counters, or none of them
    (None) when one is full."""
    attempt = Attempt()
    for rate, cache_key in _counters(action, address=address, key=key):
        now = time.time()
        with _locked(cache_key) as locked:
            history = _history(cache_key, rate, now)
            allowed = locked and len(history) < rate.amount
            if allowed:
                cache.set(cache_key, [now, *history], rate.seconds)
                attempt.records.append((cache_key, now, rate.seconds))
        if not allowed:
            attempt.give_back()
            return None
    return attempt


def clear(action: str, *, address: str, key: str) -> None:
    for _rate, cache_key in _counters(action, address=address, key=key):
        cache.delete(cache_key)


def seconds_until_allowed(action: str, *, address: str, key: str) -> float:
    """When the fullest of the action's counters lets one more attempt
    through: its oldest attempt that must expire (histories are newest first)."""
    now = time.time()
    wait = 0.0
    for rate, cache_key in _counters(action, address=address, key=key):
        history = _history(cache_key, rate, now)
        if len(history) >= rate.amount:
            wait = max(wait, history[rate.amount - 1] + rate.seconds - now)
    return wait


def _counters(action: str, *, address: str, key: str) -> list[tuple[Rate, str]]:
    counters = []
    for rate in rates(action):
        source = _network(address) if rate.per == "ip" else key
        digest = hashlib.sha256(source.encode()).hexdigest()
        name = f"{rate.amount}/{rate.seconds}/{rate.per}"
        counters.append((rate, f"rate-limit:{action}:{name}:{digest}"))
    return counters


def _network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return address


def _history(cache_key: str, rate: Rate, now: float) -> list[float]:
    """The counter's attempts still within the rate's window, newest first."""
    return [ts for ts in cache.get(cache_key, []) if ts > now - rate.seconds]


@contextmanager
def _locked(cache_key: str) -> Iterator[bool]:
    """Holds the counter while it is read and written, so that concurrent
    attempts are all counted. False when it stays taken for a second: the
    attempt is then refused, as allauth does."""
    lock = f"{cache_key}:lock"
    deadline = time.monotonic() + 1
    while not cache.add(lock, True, timeout=10):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.01)
    try:
        yield True
    finally:
        cache.delete(lock)
