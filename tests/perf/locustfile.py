"""The realistic mix of the load benchmark (tests/perf/bench_load.py).

Visitors browse the public pages; professionals, facilitators and staff sign
in once (the demo accounts) and go about their day. Each simulated person
comes from its own address (X-Forwarded-For, the server trusting one proxy),
as behind the production reverse proxy. Ids of the pages to visit come from
the environment (GECOLIB_LOAD_IDS, JSON), read from the database by the
benchmark. The time of each sign-in is also written to the file named by
GECOLIB_LOAD_SIGN_INS (JSON), as the benchmark reports sign-ins apart: they
happen while people arrive, before the statistics of the mix are reset.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
from pathlib import Path

from locust import HttpUser, between, events, task

IDS = json.loads(os.environ.get("GECOLIB_LOAD_IDS", "{}"))
PASSWORD = "demo-gecolib"
YEAR = datetime.date.today().year
_addresses = itertools.count(1)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_INS_FILE = os.environ.get("GECOLIB_LOAD_SIGN_INS")
_sign_ins: list[float] = []


@events.request.add_listener
def _record_sign_in(name, response_time, exception=None, **kwargs) -> None:
    if name == "connexion" and exception is None:
        _sign_ins.append(response_time)


@events.quitting.add_listener
def _write_sign_ins(environment, **kwargs) -> None:
    if SIGN_INS_FILE:
        Path(SIGN_INS_FILE).write_text(json.dumps(_sign_ins))


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    email = ""

    def on_start(self) -> None:
        number = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{number // 250}.{number % 250}.7"
        self.client.headers["Accept-Language"] = "fr"
        if self.email:
            page = self.client.get("/accounts/login/", name="connexion (page)")
            token = CSRF.search(page.text)
            self.client.post(
                "/accounts/login/",
                {
                    "login": self.email,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                },
                headers={"Referer": f"{self.host}/accounts/login/"},
                name="connexion",
            )

    def page(self, url: str, name: str) -> None:
        self.client.get(url, name=name)


class Visitor(Person):
    weight = 4

    @task(3)
    def home(self):
        self.page("/", "accueil")

    @task(3)
    def directory(self):
        self.page("/structures/", "annuaire")

    @task(2)
    def directory_search(self):
        self.page("/structures/?q=plerin", "annuaire (recherche)")

    @task(2)
    def structure(self):
        self.page(f"/structures/{IDS['public_structure']}/", "fiche structure")

    @task(1)
    def charter(self):
        self.page("/charte/", "charte")


class Professional(Person):
    weight = 3
    email = "professionnel@demo.gecolib.fr"

    @task(3)
    def dashboard(self):
        self.page("/", "tableau de bord")

    @task(2)
    def structure(self):
        self.page(f"/structures/{IDS['member_structure']}/", "fiche structure (membre)")

    @task(2)
    def health_project(self):
        self.page(f"/structures/{IDS['member_structure']}/health-project/", "projet de santé")

    @task(1)
    def requests(self):
        self.page("/facilitations/demandes/", "mes demandes")


class Facilitator(Person):
    weight = 2
    email = "facilitateur@demo.gecolib.fr"

    @task(3)
    def workspace(self):
        self.page("/facilitations/", "espace de travail")

    @task(2)
    def facilitation(self):
        self.page(f"/facilitations/{IDS['facilitation']}/", "facilitation")

    @task(1)
    def dashboard(self):
        self.page("/", "tableau de bord")


class Staff(Person):
    weight = 1
    email = "staff@demo.gecolib.fr"

    @task(3)
    def triage(self):
        self.page("/facilitations/triage/", "tri des demandes")

    @task(2)
    def workspace_all(self):
        self.page("/facilitations/?scope=toutes&page=3", "toutes les facilitations")

    @task(1)
    def statistics(self):
        self.page(f"/facilitations/statistiques/?annee={YEAR}", "statistiques")

    @task(1)
    def users(self):
        self.page("/equipe/utilisateurs/?q=guillou", "utilisateurs (recherche)")

    @task(2)
    def dashboard(self):
        self.page("/", "tableau de bord")
