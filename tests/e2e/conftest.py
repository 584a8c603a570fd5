"""Browser journeys: Playwright for Python driving the system Chromium.

In CI (CI=true) a missing Chromium is an error; elsewhere the tests skip with
the reason. A failing test leaves a full-page screenshot in
tests/e2e/screenshots/.
"""

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Locator, Page, sync_playwright

from tests.reference_data import restore_reference_data

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API runs an event loop in this thread; the live server and
# the test's own ORM calls are plain synchronous Django code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    # Browser tests need a transactional database: the live server answers
    # from another thread. CI runs them once, in its PostgreSQL pass (the
    # SQLite pass keeps every other test), to stay within its time budget.
    once = os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True), append=False)
            if once:
                item.add_marker(
                    pytest.mark.skip(
                        reason="CI : les parcours dans le navigateur tournent une fois, "
                        "dans la passe PostgreSQL"
                    )
                )


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test ends with a flush of every table, including the
    reference rows loaded by data migrations: put them back when missing."""
    restore_reference_data()


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server):
    """pytest-django's live server, with the database sessions the browser
    tests leave open closed before the test database is dropped (PostgreSQL
    refuses to drop a database someone is connected to): the ORM called
    while Playwright's event loop runs gets connections of its own, which
    the teardown of the test database does not know."""
    yield live_server
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connection.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"Chromium introuvable ({CHROMIUM}) : les tests navigateur doivent tourner en CI"
            )
        pytest.skip(f"Chromium introuvable ({CHROMIUM}) : installez le paquet Debian « chromium »")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def count_effort(page, monkeypatch) -> Counter:
    """What a journey costs its users: pages loaded (main-frame navigations,
    not the fragments htmx swaps in), keystrokes (each character filled or
    typed, each key pressed) and clicks (a click, a box ticked, a choice in a
    list). Listed at the end of the run, journey by journey."""
    effort: Counter = Counter()
    page.on("framenavigated", lambda frame: frame == page.main_frame and effort.update(["pages"]))

    def counting(method, kind, weight=lambda *args, **kwargs: 1):
        def wrapper(self, *args, **kwargs):
            effort[kind] += weight(*args, **kwargs)
            return method(self, *args, **kwargs)

        return wrapper

    typed = lambda value="", *args, **kwargs: len(str(value))  # noqa: E731
    for cls in (Locator, Page):
        monkeypatch.setattr(cls, "fill", counting(cls.fill, "frappes", typed))
        monkeypatch.setattr(cls, "press", counting(cls.press, "frappes"))
        monkeypatch.setattr(cls, "click", counting(cls.click, "clics"))
        monkeypatch.setattr(cls, "check", counting(cls.check, "clics"))
        monkeypatch.setattr(cls, "select_option", counting(cls.select_option, "clics"))
    monkeypatch.setattr(
        Locator, "press_sequentially", counting(Locator.press_sequentially, "frappes", typed)
    )
    return effort


@pytest.fixture
def page(browser, request, live_server, settings, monkeypatch):
    settings.GECOLIB_REQUIRE_MFA = False
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    # Reported with the test's result (tests/conftest.py).
    request.node.effort = count_effort(page, monkeypatch)
    yield page
    rep = getattr(request.node, "rep_call", None)  # set by tests/conftest.py
    if rep is not None and rep.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    context.close()


def login(page, email: str, password: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
