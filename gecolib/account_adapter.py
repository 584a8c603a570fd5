"""allauth's account adapter with the portal's fair login limits (ASVS 2.2).

allauth counts failed logins per client address and per account, and refuses
with a form error (status 200). Counted per account alone, five wrong
passwords typed by anyone lock the owner out; counted per address behind a
proxy, one person locks out the whole office. Here, each password attempt
consumes (settings.ACCOUNT_RATE_LIMITS, in allauth's rate syntax):

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

allauth has no public API to give an attempt back or to tell when a limit
frees up, so the counters are kept here, in Django's cache: per counter, the
times of the attempts within its window (a sliding window, as allauth's).
"""

from __future__ import annotations

import hashlib
import math
from http import HTTPStatus
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.account.utils import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

from .psc import session as psc_session
from .rate_limits import Attempt, clear, consume, rates, seconds_until_allowed

PAIR_ACTION = "login_failed"
ACCOUNT_ACTION = "login_failed_account"
MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"
PSC_MFA_STAGE = "gecolib.psc.stages.AuthenticateStage"


class PortalAccountAdapter(DefaultAccountAdapter):
    login_attempt: Attempt | None = None

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

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """A session opened through Pro Santé Connect ends there too
        (RP-initiated logout, back to the home page)."""
        return psc_session.logout_url(request) or super().get_logout_redirect_url(request)

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with its TOTP step skipped after a Pro Santé
        Connect sign-in whose `acr` is enough (gecolib/psc/stages.py)."""
        return [
            PSC_MFA_STAGE if stage == MFA_STAGE else stage for stage in super().get_login_stages()
        ]

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Counts the attempt before the password is checked (replacing
        allauth's own `login_failed` count); past a limit, answers 429."""
        address = self.get_client_ip(request)
        account_key = login_key(credentials)
        pair_key = f"{account_key}|{address}"
        pair = consume(PAIR_ACTION, address=address, key=pair_key)
        if pair is None:
            raise ImmediateHttpResponse(
                self._refusal(request, PAIR_ACTION, address=address, key=pair_key)
            )
        account = consume(ACCOUNT_ACTION, address=address, key=account_key)
        if account is None:
            pair.give_back()
            self._send_password_reset_once(request, credentials, account_key)
            raise ImmediateHttpResponse(
                self._refusal(
                    request, ACCOUNT_ACTION, address=address, key=account_key, reset_sent=True
                )
            )
        self.login_attempt = Attempt(pair.records + account.records)

    def authenticate(self, request: HttpRequest, **credentials: Any):
        """A successful login gives its attempt back (rather than clearing the
        counters, which an attacker could do between guesses with an account
        of their own)."""
        self.login_attempt = None
        user = super().authenticate(request, **credentials)
        if user is not None and self.login_attempt is not None:
            self.login_attempt.give_back()
        return user

    def _send_password_reset_once(
        self, request: HttpRequest, credentials: dict[str, Any], account_key: str
    ) -> None:
        """One reset e-mail per window, and only to an existing account (no
        e-mail to an address someone typed; the page says the same either way)."""
        email = credentials.get("email") or ""
        window = max(rate.seconds for rate in rates(ACCOUNT_ACTION))
        if not email or not cache.add(_reset_sent_key(account_key), True, timeout=window):
            return
        if not filter_users_by_email(email, is_active=True, prefer_verified=True):
            return
        form = ResetPasswordForm(data={"email": email})
        if form.is_valid():
            form.save(request)

    def _refusal(
        self, request: HttpRequest, action: str, *, address: str, key: str, reset_sent=False
    ):
        seconds = seconds_until_allowed(action, address=address, key=key)
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


def login_key(credentials: dict[str, Any]) -> str:
    """The account an attempt is counted against: the address typed."""
    return (credentials.get("email") or credentials.get("username") or "").lower()


def forget_failed_logins(sender, request: HttpRequest, user, **kwargs) -> None:
    """After a password reset (allauth's `password_reset` signal): the
    counters of the account's addresses start again, and so do those of the
    client address the link was opened from."""
    address = get_adapter(request).get_client_ip(request)
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    for account_key in {login_key({"email": email}) for email in emails if email}:
        clear(ACCOUNT_ACTION, address=address, key=account_key)
        clear(PAIR_ACTION, address=address, key=f"{account_key}|{address}")
        cache.delete(_reset_sent_key(account_key))


def connect() -> None:
    """Called by the app's ready()."""
    password_reset.connect(forget_failed_logins, dispatch_uid="forget-failed-logins")


def _reset_sent_key(account_key: str) -> str:
    return "gecolib:login-reset-sent:" + hashlib.sha256(account_key.encode()).hexdigest()
