"""allauth's account adapter with the portal's fair login limits (ASVS 2.2).

allauth counts failed logins per client address and per account, and refuses
with a form error (status 200). Counted per account alone, five wrong
passwords typed by anyone lock the owner out; counted per address behind a
proxy, one person locks out the whole office. Here, each password attempt
consumes (settings.ACCOUNT_RATE_LIMITS):

- ``login_failed``: per client address (all accounts: credential stuffing)
  and per address *and* account (short: a stranger elsewhere does not lock
  the owner out);
- ``login_failed_account``: per account over every address, higher. Once
  reached, the owner is sent one password-reset e-mail (the link gets them
  back in and clears the counters) rather than being blocked silently.

A successful login gives its attempt back, as allauth does. A refusal answers
429 with ``templates/429.html``, which says when to retry. The client address
is allauth's: ``X-Forwarded-For`` read through ``ALLAUTH_TRUSTED_PROXY_COUNT``
(the ``TRUSTED_PROXY_COUNT`` variable), ``REMOTE_ADDR`` without a proxy.
"""

from __future__ import annotations

import hashlib
import math
import time
from http import HTTPStatus
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import ResetPasswordForm
from allauth.account.utils import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

APP = "allauth.account"
PAIR_ACTION = "login_failed"
ACCOUNT_ACTION = "login_failed_account"


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """After signing up and confirming the address (which signs in, see
        ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION): complete the profile first."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.profile_incomplete:
            return reverse("profile")
        return super().get_signup_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address) -> str:
        """A signed-in person confirming an address: to the profile while it
        is incomplete, else where allauth sends them."""
        user = self.request.user
        if user.is_authenticated and user.profile_incomplete:
            return reverse("profile")
        return super().get_email_verification_redirect_url(email_address)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        account_key = self._get_login_attempts_cache_key(request, **credentials)
        pair_key = self._pair_key(request, account_key)
        pair = ratelimit.consume(request, app=APP, action=PAIR_ACTION, key=pair_key)
        if not pair:
            raise ImmediateHttpResponse(self._refusal(request, PAIR_ACTION, pair_key))
        account = ratelimit.consume(request, app=APP, action=ACCOUNT_ACTION, key=account_key)
        if not account:
            pair.rollback()
            self._send_password_reset_once(request, credentials, account_key)
            raise ImmediateHttpResponse(
                self._refusal(request, ACCOUNT_ACTION, account_key, reset_sent=True)
            )
        # allauth gives these back on a successful login.
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=pair.usage + account.usage)

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials) -> None:
        """After a password reset: the account's counters start again."""
        account_key = self._get_login_attempts_cache_key(request, **credentials)
        ratelimit.clear(request, app=APP, action=ACCOUNT_ACTION, key=account_key)
        ratelimit.clear(
            request, app=APP, action=PAIR_ACTION, key=self._pair_key(request, account_key)
        )
        cache.delete(_reset_sent_key(account_key))

    def _pair_key(self, request: HttpRequest, account_key: str) -> str:
        return f"{account_key}|{self.get_client_ip(request)}"

    def _send_password_reset_once(
        self, request: HttpRequest, credentials: dict[str, Any], account_key: str
    ) -> None:
        """One reset e-mail per window, and only to an existing account (no
        e-mail to an address someone typed; the page says the same either way)."""
        email = credentials.get("email") or ""
        window = max(rate.duration for rate in _rates(ACCOUNT_ACTION))
        if not email or not cache.add(_reset_sent_key(account_key), True, timeout=window):
            return
        if not filter_users_by_email(email, is_active=True, prefer_verified=True):
            return
        form = ResetPasswordForm(data={"email": email})
        if form.is_valid():
            form.save(request)

    def _refusal(self, request: HttpRequest, action: str, key: str, *, reset_sent=False):
        seconds = _seconds_until_allowed(request, action, key)
        response = render(
            request,
            "429.html",
            {
                "retry_minutes": max(1, math.ceil(seconds / 60)),
                "reset_sent": reset_sent,
            },
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = str(max(1, math.ceil(seconds)))
        return response


def _rates(action: str) -> list[ratelimit.Rate]:
    return ratelimit.get_rates(app=APP, action=action)


def _seconds_until_allowed(request: HttpRequest, action: str, key: str) -> float:
    """When the fullest of the action's limits lets one more attempt through:
    its oldest counted attempt that must expire (histories are newest first)."""
    now = time.time()
    wait = 0.0
    for rate in _rates(action):
        cache_key = ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key)
        history = [ts for ts in cache.get(cache_key, []) if ts > now - rate.duration]
        if len(history) >= rate.amount:
            wait = max(wait, history[rate.amount - 1] + rate.duration - now)
    return wait


def _reset_sent_key(account_key: str) -> str:
    return "gecolib:login-reset-sent:" + hashlib.sha256(account_key.encode()).hexdigest()
