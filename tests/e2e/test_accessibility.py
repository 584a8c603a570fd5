"""Accessibility crawl (RGAA 4.1 / WCAG 2.1 AA): every page of every
permission matrix, as every role that may see it, in Chromium at 1280 px and
375 px, checked by axe-core.

- The pages come from the matrices themselves (tests/*/test_permissions.py):
  every GET case a role answers with 200 is visited as that role, so a new
  app's pages join the crawl as soon as its matrix lists them; the account
  pages (login, sign-up, password reset, e-mail, password) too. Only HTML
  documents are checked (PDF, CSV, XLSX, iCalendar and htmx fragments are
  left out), and the Django admin, which is not the portal's markup.
- axe-core comes from the npm registry at the version pinned in
  package.json / package-lock.json (`npm ci`), and is injected from
  node_modules into each page: never from a CDN.
- The test fails on a page that does not open (not 200), on any serious or
  critical violation (printing the page, the role, the width, the rule and
  the elements), and when a page is wider than the screen at 375 px
  (horizontal scroll).
- One browser, one context and one page for every role and URL (the role
  changes with the session cookie), each page checked at the width the
  previous one ended at, then at the other. A page
  whose main content is identical for two roles is checked once (the
  header, which changes with the role, is checked on every role's first
  page).

Heavy, so it runs once, in the PostgreSQL pass of CI (`DATABASE_URL` is a
postgres URL), like the form fuzzing.
"""

import hashlib
import os
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.e2e.conftest import SCREENSHOTS
from tests.matrix import ROLES, import_matrices

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"ordinateur": (1280, 900), "téléphone": (375, 812)}
FAILING_IMPACTS = {"serious", "critical"}
FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# The Django admin is not the portal's markup (staff only).
SKIPPED_PREFIXES = ("admin:",)
# The account pages (allauth, restyled by the portal's templates) are in no
# matrix: they are checked too, for visitors and for every signed-in role.
ACCOUNT_PAGES = {
    "anonymous": ["account_login", "account_signup", "account_reset_password"],
    "signed_in": ["account_email", "account_change_password"],
}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="parcours d'accessibilité lourd : il ne tourne qu'une fois, dans la passe "
    "PostgreSQL (DATABASE_URL en postgres://)",
)


def _matrices():
    """(module name, cases, `module_context` builder) of every permission matrix."""
    import sys

    import_matrices()
    found = []
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("tests.") or not name.endswith(".test_permissions"):
            continue
        for value in vars(module).values():
            cases = getattr(value, "matrix_cases", None)
            if cases is not None:
                found.append((name, cases, getattr(module, "module_context", None)))
    return found


MATRICES = _matrices()


ACCOUNTS = "comptes"
BATCHES = [module for module, _cases, _context in MATRICES] + [ACCOUNTS]


def _batch(world: dict, batch: str) -> dict[str, list[tuple[str, str]]]:
    """For one matrix (or the account pages): for each role, the (label, URL)
    of the GET pages it may open (200). Each matrix is a test of its own, so
    that the pages are shared out between the test processes, and its context
    is built alone (the contexts of two matrices may not hold together: a
    later one renewing a secret an earlier URL holds)."""
    pages: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if batch == ACCOUNTS:
        for role in ROLES:
            for name in ACCOUNT_PAGES["anonymous" if role == "anonymous" else "signed_in"]:
                pages[role].append((name, reverse(name)))
        return pages
    _module, cases, build = next(entry for entry in MATRICES if entry[0] == batch)
    ctx = build(world) if build else {}
    seen: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        if case.method != "get" or case.name.startswith(SKIPPED_PREFIXES):
            continue
        url = case.url(ctx)
        query = case.payload(ctx)
        if query:
            url += "?" + urlencode(query, doseq=True)
        for role in ROLES:
            if case.expected[role] == 200 and url not in seen[role]:
                seen[role].add(url)
                pages[role].append((case.label, url))
    return pages


def _login(context, live_server, user) -> None:
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _main_digest(html: str) -> str:
    """The page's main content as served, without per-request tokens."""
    found = re.search(r"<main\b.*</main>", html, re.S)
    main = re.sub(r'value="[^"]*"', "", found.group(0) if found else html)
    return hashlib.sha256(main.encode()).hexdigest()


def _summary(node) -> str:
    lines = node.get("failureSummary", "").splitlines()
    return lines[-1].strip() if lines else ""


@pytest.mark.parametrize("batch", BATCHES)
def test_every_page_is_accessible_for_every_role(browser, live_server, settings, world, batch):
    settings.GECOLIB_REQUIRE_MFA = False
    if not AXE.exists():
        pytest.fail(f"axe-core absent ({AXE}) : lancez « npm ci » à la racine du dépôt")
    axe_source = AXE.read_text()

    # (rule, impact, element, why) → where it was seen
    failures: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    by_rule: Counter = Counter()
    nodes_by_rule: Counter = Counter()
    impacts: dict[str, str] = {}
    checked = Counter()  # width → pages checked by axe
    skipped = 0
    overflow: list[str] = []
    errors: list[str] = []  # pages the matrix opens (200) that answered otherwise
    spent: Counter = Counter()  # seconds spent loading pages and running axe
    checked_main: set[tuple[str, str, str]] = set()
    started = time.monotonic()

    # The role's header and navigation, the same on every page, are checked
    # with the account pages; elsewhere a page's main content once.
    first = dict.fromkeys(ROLES, batch == ACCOUNTS)
    # One context and one tab for every role, which changes with the session
    # cookie: a context per role would cost its start and axe's parsing again.
    # bypass_csp: axe is injected as an inline script, which the portal's CSP refuses.
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", bypass_csp=True)
    context.set_default_timeout(15_000)
    # axe is in every page from its start (parsed by the page, not sent
    # through the driver for each page).
    context.add_init_script(script=axe_source)
    page = context.new_page()
    size = {"width": 0, "height": 0}
    pairs: set[tuple[str, str]] = set()
    downloads: set[str] = set()  # addresses that answer a file, not a page
    pages = _batch(world, batch)
    for role in ROLES:
        context.clear_cookies()
        _login(context, live_server, world[role])
        for label, url in pages[role]:
            pairs.add((role, url))
            if url in downloads:
                # A file (PDF, CSV, calendar…) for another role already: the
                # same address is a file for this one too, not rendered again.
                skipped += 1
                continue
            # One navigation per page, checked at both widths, starting with
            # the width the previous page ended at (one resize per page).
            try:
                moment = time.monotonic()
                # The stylesheets are in the head and the scripts at the end of the
                # body: once the DOM is ready, the page is laid out and styled.
                response = page.goto(live_server.url + url, wait_until="domcontentloaded")
                spent["navigation"] += time.monotonic() - moment
            except Exception as error:  # a download (PDF, CSV, …) is not a page
                if "Download is starting" not in str(error):
                    raise
                downloads.add(url)
                skipped += 1
                continue
            if response.status != 200:
                errors.append(f"{label} ({url}) — {role} : HTTP {response.status}, pas 200")
                continue
            content_type = response.header_value("content-type") or ""
            html = response.text() if content_type.startswith("text/html") else ""
            if "<html" not in html:
                downloads.add(url)
                skipped += 1
                continue
            main = _main_digest(html)
            widths = sorted(WIDTHS.items(), key=lambda item: item[1][0] != size["width"])
            for width_name, (width, height) in widths:
                if size["width"] != width:
                    size = {"width": width, "height": height}
                    page.set_viewport_size(size)
                # Two frames: what reacts to the size (tables.js) has run.
                page.evaluate(FRAMES)
                where = f"{label} ({url}) — {role}, {width_name} {width} px"
                if width == 375:
                    scroll, client = page.evaluate(
                        "[document.documentElement.scrollWidth,"
                        " document.documentElement.clientWidth]"
                    )
                    if scroll > client:
                        overflow.append(f"{where} : {scroll - client} px de trop")
                digest = (url, width_name, main)
                if digest in checked_main and not first[role]:
                    continue
                checked_main.add(digest)
                moment = time.monotonic()
                result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
                spent["axe"] += time.monotonic() - moment
                checked[width_name] += 1
                serious = False
                for violation in result["violations"]:
                    rule = violation["id"]
                    by_rule[rule] += 1
                    nodes_by_rule[rule] += len(violation["nodes"])
                    impacts[rule] = violation["impact"]
                    if violation["impact"] not in FAILING_IMPACTS:
                        continue
                    serious = True
                    for node in violation["nodes"]:
                        element = " ".join(str(part) for part in node["target"])
                        failures[(rule, violation["impact"], element, _summary(node))].append(where)
                if serious:
                    SCREENSHOTS.mkdir(exist_ok=True)
                    name = re.sub(r"[^\w.-]+", "_", f"a11y-{role}-{label}-{width}")
                    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
            first[role] = False
    context.close()

    total_pages = len(pairs)
    summary = [
        f"Accessibilité ({batch}) : {total_pages} couples page × rôle "
        f"({len({url for _, url in pairs})} pages, {len(ROLES)} rôles), "
        f"{skipped} non HTML écartés ; axe lancé {checked['ordinateur']} fois à 1280 px et "
        f"{checked['téléphone']} fois à 375 px, en {time.monotonic() - started:.0f} s "
        f"(chargements {spent['navigation']:.0f} s, axe {spent['axe']:.0f} s)",
        "Violations par règle (impact : pages touchées, éléments) :",
        *(
            f"  {rule} [{impacts[rule]}] : {count} pages, {nodes_by_rule[rule]} éléments"
            for rule, count in by_rule.most_common()
        ),
        f"Débordements horizontaux à 375 px : {len(overflow)}",
        f"Pages en erreur : {len(errors)}",
    ]
    print("\n" + "\n".join(summary))

    problems = (
        errors
        + [
            f"[{impact}] {rule} — {element}\n    {why}\n    sur {len(where)} page(s), dont "
            + " ; ".join(where[:3])
            for (rule, impact, element, why), where in failures.items()
        ]
        + [f"Défilement horizontal — {line}" for line in overflow]
    )
    if problems:
        pytest.fail("\n".join(summary) + "\n\n" + "\n\n".join(problems), pytrace=False)
