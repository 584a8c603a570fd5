"""The signed-in mix of the portal, shared by the service-time benchmark
(bench_service.py, one request at a time, in process) and the load benchmark
(bench_load.py and locustfile.py, 50 people against gunicorn).

- `prepare_people(counts)`: accounts of every role taken from the generated
  database (`grow_data`): professionals who are members of a structure with
  a health project, facilitators with facilitations (charter accepted),
  staff; each with a TOTP device when the role needs one. Returns what the
  locust users need (e-mail, password, TOTP secret, the ids their pages use).
- `PAGE_TYPES`: the page types of the mix, who asks for them and how often.
- `replay(...)`: the mix replayed one request at a time; `profile(...)`:
  where the time of a page goes (middleware and handler, SQL, templates,
  Python in views).

At the command line, against an existing database (e.g. one grown by
`manage.py grow_data --scale 1`):

    DEBUG=false SECRET_KEY=… DATABASE_URL=… .venv/bin/python manage.py shell \\
        -c "from tests.perf.service_mix import main; main()"
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilitations.models import Facilitation
from gecolib.growth import GROWTH_PASSWORD
from gecolib.models import Charter, CharterAcceptance, User
from guide.models import Page
from structures.models import HealthProject, Membership

PROFESSIONALS, FACILITATORS, STAFF = 30, 14, 6


@dataclass(frozen=True)
class PageType:
    label: str
    role: str  # professional, facilitator or staff
    weight: int  # requests of this type per round of the mix
    url_name: str
    arg: str = ""  # the person's id the URL takes (structure, facilitation…)
    query: str = ""

    def url(self, person: dict) -> str:
        args = [person[self.arg]] if self.arg else []
        return reverse(self.url_name, args=args) + (f"?{self.query}" if self.query else "")


YEAR = datetime.date.today().year

# The page types of the signed-in mix, as the figures name them: the
# weights follow the load benchmark's people (30 professionals, 14
# facilitators, 6 staff) and how often each opens the page.
PAGE_TYPES = [
    PageType("page du guide", "professional", 4, "guide:page", "guide_page"),
    PageType("annuaire par département", "professional", 3, "structures:directory",
             query="department=29"),
    PageType("tableau de bord facilitateur", "facilitator", 3, "home"),
    PageType("recherche annuaire", "professional", 2, "structures:directory", query="q=plerin"),
    PageType("recherche guide", "professional", 2, "guide:search", query="q=coordination"),
    PageType("tri des demandes", "staff", 2, "facilitations:triage"),
    PageType("projet de santé", "professional", 2, "structures:health_project", "structure"),
    PageType("tableau de bord professionnel", "professional", 3, "home"),
    PageType("espace de travail", "facilitator", 3, "facilitations:workspace"),
    PageType("facilitation", "facilitator", 2, "facilitations:detail", "facilitation"),
    PageType("statistiques", "staff", 1, "facilitations:stats", query=f"annee={YEAR}"),
    PageType("fiche structure", "professional", 2, "structures:detail", "structure"),
]  # fmt: skip


def _with_totp(user: User) -> str:
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _guide_page() -> str:
    page = Page.objects.filter(parent__isnull=False).order_by("-pk").first()
    page = page or Page.objects.order_by("pk").first()
    return page.slug if page else ""


def prepare_people(
    professionals: int = PROFESSIONALS, facilitators: int = FACILITATORS, staff: int = STAFF
) -> list[dict]:
    """Accounts of the generated database for the mix, each with the ids of
    the pages it opens (see the module's docstring)."""
    guide_page = _guide_page()
    people = []
    members = (
        Membership.objects.current()
        .filter(
            user__email__endswith="@grow.gecolib.fr",
            structure__in=HealthProject.objects.values("structure_id"),
        )
        .order_by("pk")
        .values_list("user__email", "structure_id")
    )
    seen = set()
    for email, structure in members.iterator():
        if email in seen:
            continue
        seen.add(email)
        people.append({"role": "professional", "email": email, "structure": structure})
        if len(seen) == professionals:
            break
    charter = Charter.current()
    working = (
        User.objects.filter(email__endswith="@grow.gecolib.fr")
        .exclude(facilitator_kind="")
        .filter(Exists(Facilitation.objects.filter(assignments__user=OuterRef("pk"))))
        .order_by("pk")[:facilitators]
    )
    for user in working:
        if charter is not None:
            CharterAcceptance.objects.get_or_create(user=user, charter=charter)
        facilitation = Facilitation.objects.filter(assignments__user=user).order_by("-pk").first()
        people.append(
            {
                "role": "facilitator",
                "email": user.email,
                "totp": _with_totp(user),
                "facilitation": facilitation.pk,
            }
        )
    candidates = (
        User.objects.filter(email__endswith="@grow.gecolib.fr", facilitator_kind="")
        .exclude(email__in=seen)
        .order_by("-pk")[:staff]
    )
    for user in candidates:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        people.append({"role": "staff", "email": user.email, "totp": _with_totp(user)})
    for person in people:
        # Generated accounts have no confirmed address yet: signing in would
        # send a confirmation e-mail instead.
        EmailAddress.objects.update_or_create(
            email=person["email"],
            defaults={
                "user": User.objects.get(email=person["email"]),
                "verified": True,
                "primary": True,
            },
        )
        person["password"] = GROWTH_PASSWORD
        person["guide_page"] = guide_page
    return people


def _clients(people: list[dict]) -> dict[str, tuple[Client, dict]]:
    """One signed-in client per role (the first person of each); staff and
    facilitators have their TOTP device, as the access gate asks."""
    clients = {}
    for person in people:
        if person["role"] in clients:
            continue
        client = Client()
        client.force_login(User.objects.get(email=person["email"]))
        clients[person["role"]] = (client, person)
    return clients


def _get(client: Client, url: str):
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


def replay(people: list[dict], rounds: int, *, seed: int = 22) -> dict[str, dict]:
    """The mix replayed one request at a time, `rounds` times each type's
    weight, in a shuffled order; per page type: the timings (ms), the
    query count and the status. One warm-up request per type first."""
    clients = _clients(people)
    requests = [t for t in PAGE_TYPES for _ in range(t.weight * rounds)]
    random.Random(seed).shuffle(requests)
    results = {t.label: {"ms": [], "queries": 0, "status": None} for t in PAGE_TYPES}
    for page_type in PAGE_TYPES:
        client, person = clients[page_type.role]
        _get(client, page_type.url(person))
    for page_type in requests:
        client, person = clients[page_type.role]
        url = page_type.url(person)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = _get(client, url)
            elapsed = (time.perf_counter() - started) * 1000
        row = results[page_type.label]
        row["ms"].append(elapsed)
        row["queries"] = len(queries)
        row["status"] = response.status_code
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def print_table(results: dict[str, dict], title: str = "") -> float:
    """The per-page-type table; returns the mean of every request replayed."""
    every = [ms for row in results.values() for ms in row["ms"]]
    mean = statistics.fmean(every)
    print(f"\n{title}")
    print(f"{'type de page':32} {'req.':>5} {'moy.':>7} {'p50':>7} {'p95':>7} {'SQL':>4} HTTP")
    for label, row in sorted(results.items(), key=lambda item: -statistics.fmean(item[1]["ms"])):
        print(
            f"{label:32} {len(row['ms']):5d} {statistics.fmean(row['ms']):7.1f} "
            f"{statistics.median(row['ms']):7.1f} {percentile(row['ms'], 0.95):7.1f} "
            f"{row['queries']:4d} {row['status']}"
        )
    print(f"{'mélange (moyenne par requête)':32} {len(every):5d} {mean:7.1f}")
    return mean


def profile(people: list[dict], labels: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Where the time of these page types goes, in mean ms per request: the
    middleware and request handling around the view (with the test client's
    own work), SQL (all of it, and the part run while rendering), template
    rendering, and Python in the view (the rest)."""
    from django.core.handlers.base import BaseHandler
    from django.template.backends.django import Template

    clients = _clients(people)
    spans = {"inner": 0.0, "templates": 0.0}
    real_get_response, real_render = BaseHandler._get_response, Template.render

    def timed_get_response(self, request):
        started = time.perf_counter()
        try:
            return real_get_response(self, request)
        finally:
            spans["inner"] += time.perf_counter() - started

    def timed_render(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return real_render(self, *args, **kwargs)
        finally:
            spans["templates"] += time.perf_counter() - started

    BaseHandler._get_response, Template.render = timed_get_response, timed_render
    profiles = {}
    try:
        for label in labels:
            page_type = next(t for t in PAGE_TYPES if t.label == label)
            client, person = clients[page_type.role]
            url = page_type.url(person)
            _get(client, url)
            spans.update(inner=0.0, templates=0.0)
            total = sql = 0.0
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    _get(client, url)
                    total += time.perf_counter() - started
                sql += sum(float(q["time"]) for q in queries.captured_queries)
            inner, templates = spans["inner"], spans["templates"]
            profiles[label] = {
                "total": total * 1000 / runs,
                "middleware": (total - inner) * 1000 / runs,
                "sql": sql * 1000 / runs,
                "templates": templates * 1000 / runs,
                "views": max(0.0, inner - templates - sql) * 1000 / runs,
            }
    finally:
        BaseHandler._get_response, Template.render = real_get_response, real_render
    return profiles


def print_profiles(profiles: dict[str, dict[str, float]]) -> None:
    print(
        "\nProfil des pages les plus coûteuses (ms par requête ; les requêtes SQL lancées "
        "pendant le rendu comptent dans « SQL » et dans « gabarits »)"
    )
    print(
        f"{'type de page':32} {'total':>7} {'middleware':>10} {'SQL':>7} {'gabarits':>9} "
        f"{'Python (vues)':>13}"
    )
    for label, spans in profiles.items():
        print(
            f"{label:32} {spans['total']:7.1f} {spans['middleware']:10.1f} {spans['sql']:7.1f} "
            f"{spans['templates']:9.1f} {spans['views']:13.1f}"
        )


def main() -> None:
    """Replay the mix against the configured database and print the table
    and the profile of the three most expensive page types."""
    settings.ALLOWED_HOSTS = ["*"]
    rounds = int(os.environ.get("GECOLIB_SERVICE_ROUNDS", "5"))
    people = prepare_people(1, 1, 1)
    started = timezone.now()
    results = replay(people, rounds)
    print_table(results, f"Temps de service, {connection.vendor}, {started:%d/%m/%Y %H:%M}")
    slowest = sorted(results, key=lambda label: -statistics.fmean(results[label]["ms"]))[:3]
    print_profiles(profile(people, slowest, rounds * 2))
