"""The signed-in mix of the load benchmark (tests/perf/bench_load.py).

Every simulated person signs in once, with an account of their own taken
from the generated database (tests/perf/service_mix.py: professionals who
are members of a structure, facilitators with facilitations, staff), then
goes about their day; staff and facilitators pass their second factor (TOTP,
computed here from the account's secret), as production requires. The
accounts come from the JSON file named by GECOLIB_LOAD_PEOPLE, with the ids
of the pages each opens; how many of each role from GECOLIB_LOAD_COUNTS
(JSON, e.g. {"professional": 30, "facilitator": 14, "staff": 6}).

Each person comes from its own address (X-Forwarded-For, the server trusting
one proxy), as behind the production reverse proxy. The time of each sign-in
is also written to the file named by GECOLIB_LOAD_SIGN_INS (JSON): sign-ins
happen while people arrive, before the statistics of the mix are reset.

`Floor` asks only for /healthz, with the same think time: run alone with the
same number of users, it measures what the machine answers at best.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import itertools
import json
import os
import re
import struct
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

PEOPLE_FILE = os.environ.get("GECOLIB_LOAD_PEOPLE")
PEOPLE = json.loads(Path(PEOPLE_FILE).read_text()) if PEOPLE_FILE else []
COUNTS = json.loads(os.environ.get("GECOLIB_LOAD_COUNTS", "{}"))
YEAR = datetime.date.today().year
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_INS_FILE = os.environ.get("GECOLIB_LOAD_SIGN_INS")
_addresses = itertools.count(1)
_accounts = {
    role: iter([person for person in PEOPLE if person["role"] == role])
    for role in ("professional", "facilitator", "staff")
}
_sign_ins: list[float] = []


def totp(secret: str, at: float | None = None) -> str:
    """The current 6-digit TOTP code of `secret` (RFC 6238, 30 s, SHA-1)."""
    counter = int((at or time.time()) // 30)
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# The mix is measured once everyone has signed in (sign-ins are a storm of
# deliberately slow password checks, reported apart): then the statistics
# are reset, and the run stops GECOLIB_LOAD_MEASURE seconds later.
MEASURE = float(os.environ.get("GECOLIB_LOAD_MEASURE", "0"))
_arrived = itertools.count(1)


@events.request.add_listener
def _record_sign_in(name, response_time, exception=None, context=None, **kwargs) -> None:
    if name != "connexion":
        return
    if exception is None:
        _sign_ins.append(response_time)
    environment = (context or {}).get("environment")
    if MEASURE and environment is not None and next(_arrived) == sum(COUNTS.values()):
        environment.runner.stats.reset_all()
        gevent.spawn_later(MEASURE, environment.runner.quit)


@events.quitting.add_listener
def _write_sign_ins(environment, **kwargs) -> None:
    if SIGN_INS_FILE:
        Path(SIGN_INS_FILE).write_text(json.dumps(_sign_ins))


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        number = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{number // 250}.{number % 250}.7"
        self.client.headers["Accept-Language"] = "fr"
        self.person = next(_accounts[self.role])
        started = time.perf_counter()
        page = self.client.get("/accounts/login/", name="connexion (page)")
        answer = self.client.post(
            "/accounts/login/",
            {
                "login": self.person["email"],
                "password": self.person["password"],
                "csrfmiddlewaretoken": _token(page.text),
            },
            headers={"Referer": page.url},
            name="connexion (mot de passe)",
        )
        # allauth asks for the second factor on its own page. A code that
        # reached a busy server after its 30 s had passed is typed again.
        for _attempt in range(3):
            if not self.person.get("totp") or "/2fa/" not in answer.url:
                break
            answer = self.client.post(
                answer.url,
                {"code": totp(self.person["totp"]), "csrfmiddlewaretoken": _token(answer.text)},
                headers={"Referer": answer.url},
                name="connexion (second facteur)",
            )
        elapsed = (time.perf_counter() - started) * 1000
        signed_in = "/accounts/" not in answer.url
        events.request.fire(
            request_type="SIGNIN",
            name="connexion",
            response_time=elapsed,
            response_length=0,
            exception=None if signed_in else RuntimeError(f"connexion refusée : {answer.url}"),
            context={"environment": self.environment},
        )

    def page(self, url: str, name: str) -> None:
        self.client.get(url, name=name)


class Professional(Person):
    fixed_count = COUNTS.get("professional", 30)
    role = "professional"

    @task(3)
    def dashboard(self):
        self.page("/", "tableau de bord professionnel")

    @task(4)
    def guide_page(self):
        self.page(f"/guide/{self.person['guide_page']}/", "page du guide")

    @task(2)
    def guide_search(self):
        self.page("/guide/recherche/?q=coordination", "recherche guide")

    @task(3)
    def directory(self):
        self.page("/structures/?department=29", "annuaire par département")

    @task(2)
    def directory_search(self):
        self.page("/structures/?q=plerin", "recherche annuaire")

    @task(2)
    def structure(self):
        self.page(f"/structures/{self.person['structure']}/", "fiche structure")

    @task(2)
    def health_project(self):
        self.page(f"/structures/{self.person['structure']}/projet-de-sante/", "projet de santé")


class Facilitator(Person):
    fixed_count = COUNTS.get("facilitator", 14)
    role = "facilitator"

    @task(3)
    def dashboard(self):
        self.page("/", "tableau de bord facilitateur")

    @task(3)
    def workspace(self):
        self.page("/facilitations/", "espace de travail")

    @task(2)
    def facilitation(self):
        self.page(f"/facilitations/{self.person['facilitation']}/", "facilitation")


class Staff(Person):
    fixed_count = COUNTS.get("staff", 6)
    role = "staff"

    @task(3)
    def triage(self):
        self.page("/facilitations/triage/", "tri des demandes")

    @task(1)
    def statistics(self):
        self.page(f"/facilitations/statistiques/?annee={YEAR}", "statistiques")

    @task(2)
    def dashboard(self):
        self.page("/", "tableau de bord équipe")

    @task(1)
    def directory_search(self):
        self.page("/structures/?q=plerin", "recherche annuaire")


class Floor(HttpUser):
    """The machine's floor: /healthz only, same think time."""

    wait_time = between(1, 3)

    @task
    def healthz(self):
        self.client.get("/healthz", name="/healthz")
