"""A Pro Santé Connect identity waiting to be linked to the account that
already holds its RPPS: kept in the session until the person has signed in
with that account's password and confirmed (`views.link_pending`)."""

from __future__ import annotations

from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .identity import PSCIdentity

SESSION_KEY = "gecolib_psc_pending"


def stash(request: HttpRequest, sociallogin) -> None:
    request.session[SESSION_KEY] = sociallogin.serialize()


def peek(request: HttpRequest) -> SocialLogin | None:
    data = request.session.get(SESSION_KEY)
    return SocialLogin.deserialize(data) if data else None


def drop(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def identity_of(sociallogin) -> PSCIdentity:
    return PSCIdentity.from_userinfo(sociallogin.account.extra_data.get("userinfo") or {})


def offer_page(request: HttpRequest) -> HttpResponse:
    """Sign in with your password, then link: the page after PSC's answer."""
    login_url = reverse("account_login") + "?" + urlencode({"next": reverse("psc_link_pending")})
    return render(request, "psc/existing_account.html", {"login_url": login_url})
