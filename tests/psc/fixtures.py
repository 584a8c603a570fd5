"""Fixtures of the Pro Santé Connect tests: the provider of provider.py,
started once per module, and the portal configured for it."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from .provider import FakePSC, professional

CALLBACK = "http://testserver/accounts/psc/login/callback/"


@pytest.fixture(scope="module")
def running_psc():
    provider = FakePSC().start()
    yield provider
    provider.stop()


@pytest.fixture
def fake_psc(running_psc, settings):
    """The provider, reset, and the portal's settings pointing at it."""
    running_psc.identity = professional()
    running_psc.acr = "eidas1"
    running_psc.id_token_fault = None
    running_psc.authorization_requests.clear()
    running_psc.token_requests.clear()
    running_psc.logouts.clear()
    running_psc.allow_redirect_uri(CALLBACK)
    settings.PSC_CLIENT_ID = running_psc.client.client_id
    settings.PSC_CLIENT_SECRET = running_psc.client.client_secret
    settings.PSC_ENDPOINTS = running_psc.endpoints()
    settings.PSC_MIN_ACR = "eidas1"
    return running_psc


def start(client, process="login", next_url=""):
    """The portal's button: POST to psc_login; returns the wallet URL."""
    data = {"process": process}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("psc_login"), data)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def decide(authorization_url: str, decision: str = "accept") -> str:
    """The person's answer at the wallet; returns the portal's callback URL."""
    answer = requests.post(authorization_url, data={"decision": decision}, allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def callback_path(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.path}?{parts.query}"


def sign_in(client, process="login", next_url="", decision="accept"):
    """The whole round trip through the provider; the portal's last answer."""
    callback = decide(start(client, process, next_url), decision)
    return client.get(callback_path(callback))
