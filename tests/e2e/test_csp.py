"""The portal's pages keep to their Content-Security-Policy in a real browser.

A visitor, a coordinator, a facilitator and a staff member open the main pages
(home, directory and its map, a structure, the health project with a Markdown
table, the facilitation log with an htmx follow-up, statistics and their
charts, triage, profile, account pages). Any violation fails the test, naming
the page and what was blocked. Violations are caught twice: the page's
`securitypolicyviolation` events (an init script records them) and Chromium's
console messages about the Content Security Policy.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from facilitations.models import FollowUpAction
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.e2e.conftest import login
from tests.facilitations.stats_factories import build_reference_dataset
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    MembershipFactory,
    StructureFactory,
    UserFactory,
    accept_charter,
)

pytestmark = [pytest.mark.e2e]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} a bloqué ${event.blockedURI || "?"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`
    + (event.sample ? ` « ${event.sample} »` : "")
  );
});
"""
# Violation events are queued as tasks: read them once those have run.
READ_VIOLATIONS = "() => new Promise(done => setTimeout(() => done(window.__cspViolations), 100))"

TERRITORY_TABLE = (
    "Communes couvertes :\n\n"
    "| Commune | Habitants | Part |\n"
    "|:--------|----------:|:----:|\n"
    "| Lannilis | 5 600 | 40 % |\n"
    "| Plouguerneau | 6 500 | 60 % |\n"
)


@dataclass
class Watch:
    """One browser context for one role, recording every CSP violation."""

    role: str
    page: object
    violations: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, browser, base_url: str, role: str, email: str | None = None) -> Watch:
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        context.set_default_timeout(15_000)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.base_url = base_url
        watch = cls(role, page)
        page.on("console", watch._on_console)
        if email:
            login(page, email, PASSWORD)
            watch.check("connexion")
        return watch

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"[{self.role}] {self.page.url} (console) : {message.text}")

    def visit(self, path: str, *, expect_in_page: str | None = None) -> None:
        response = self.page.goto(self.page.base_url + path)
        assert response is not None and response.ok, f"[{self.role}] {path} : {response.status}"
        header = response.header_value("content-security-policy") or ""
        assert "script-src 'self'" in header, f"[{self.role}] {path} sans politique CSP"
        if expect_in_page:
            assert expect_in_page in self.page.content(), f"[{self.role}] {path}"
        self.check(path)

    def check(self, label: str) -> None:
        self.visited.append(label)
        for violation in self.page.evaluate(READ_VIOLATIONS):
            self.violations.append(f"[{self.role}] {label} : {violation}")

    def close(self) -> None:
        self.page.context.close()


@pytest.fixture
def cast_with_data(page):
    """The reference statistics dataset, plus people to look at it: a
    coordinator of « ESP des Abers » whose health project has a table, a
    facilitator of the ongoing facilitation of « MSP de Bréal » with a
    follow-up to tick, and a staff member; a recognised structure, for the
    visitors' directory."""
    data = build_reference_dataset()
    recognised = StructureFactory(name="MSP de l'Aber-Ildut", recognised=True)
    abers, breal, _vitre = data["structures"]
    ongoing = data["facilitations"][1]
    staff = UserFactory(email="equipe@exemple.fr", staff=True)
    coordinator = MembershipFactory(
        structure=abers, coordinator=True, user__email="coordination@exemple.fr"
    ).user
    facilitator = UserFactory(email="facilitateur@exemple.fr", facilitator=True)
    accept_charter(facilitator)
    AssignmentFactory(facilitation=ongoing, user=facilitator)
    FollowUpAction.objects.create(
        facilitation=ongoing,
        title="Envoyer le compte rendu",
        assignee=facilitator,
        due_date=ongoing.opened_at.date(),
        created_by=facilitator,
    )
    project = HealthProject.objects.create(structure=abers)
    project.save_section(Section.TERRITORY, TERRITORY_TABLE, by=coordinator)
    return {
        "recognised": recognised,
        "abers": abers,
        "breal": breal,
        "ongoing": ongoing,
        "staff": staff,
        "coordinator": coordinator,
        "facilitator": facilitator,
    }


def test_main_pages_break_no_content_security_policy(page, browser, cast_with_data):
    data = cast_with_data
    base = page.base_url
    abers, ongoing = data["abers"], data["ongoing"]
    watches = []

    visitor = Watch.open(browser, base, "visiteur")
    watches.append(visitor)
    visitor.visit(reverse("home"))
    visitor.visit(reverse("structures:directory"), expect_in_page="structures-map")
    visitor.visit(reverse("structures:detail", kwargs={"pk": data["recognised"].pk}))
    visitor.visit(reverse("charter"))
    visitor.visit(reverse("account_login"))
    visitor.visit(reverse("account_signup"))

    coordinator = Watch.open(browser, base, "coordinatrice", data["coordinator"].email)
    watches.append(coordinator)
    coordinator.visit(reverse("home"))
    coordinator.visit(reverse("structures:detail", kwargs={"pk": abers.pk}))
    coordinator.visit(reverse("structures:members", kwargs={"pk": abers.pk}))
    coordinator.visit(
        reverse("structures:health_project", kwargs={"pk": abers.pk}),
        expect_in_page='<td class="text-end">5 600</td>',
    )
    coordinator.visit(reverse("profile"))
    coordinator.visit(reverse("account_email"))
    coordinator.visit(reverse("account_change_password"))
    # Bootstrap's dropdown (Popper positions it from script: allowed).
    coordinator.page.get_by_role("button", name=data["coordinator"].display_name).click()
    coordinator.check("menu du compte")

    facilitator = Watch.open(browser, base, "facilitateur", data["facilitator"].email)
    watches.append(facilitator)
    facilitator.visit(reverse("home"))
    facilitator.visit(reverse("facilitations:workspace"))
    facilitator.visit(reverse("facilitations:detail", kwargs={"pk": ongoing.pk}))
    # An htmx swap: the follow-up row is replaced in place.
    facilitator.page.get_by_role("button", name="Marquer comme faite").click()
    facilitator.page.get_by_role("button", name="Rouvrir").wait_for()
    facilitator.check("suivi coché (htmx)")
    facilitator.visit(reverse("structures:directory"), expect_in_page="structures-map")

    staff = Watch.open(browser, base, "équipe", data["staff"].email)
    watches.append(staff)
    staff.visit(reverse("home"))
    staff.visit(reverse("facilitations:triage"))
    staff.visit(reverse("facilitations:stats") + "?annee=2025", expect_in_page="stats-chart")
    staff.visit(reverse("facilitations:detail", kwargs={"pk": ongoing.pk}))
    staff.visit(reverse("structures:health_project", kwargs={"pk": abers.pk}))
    staff.visit(reverse("structures:carpec_calendar"))
    staff.visit(reverse("user_list"))
    staff.visit(reverse("charter_versions"))
    staff.visit(reverse("profile"))

    violations = [violation for watch in watches for violation in watch.violations]
    for watch in watches:
        watch.close()
    for violation in violations:
        print("Violation CSP :", violation)
    assert not violations, "Violations de la politique CSP :\n" + "\n".join(violations)
    assert sum(len(watch.visited) for watch in watches) >= 30


def test_a_violation_is_caught_and_reported(page, browser, caplog):
    """The watch is not blind: a style attribute added to a page is caught by
    both the event and the console, and Chromium posts it to the report view,
    which logs it."""
    watch = Watch.open(browser, page.base_url, "visiteur")
    watch.visit(reverse("charter"))
    with caplog.at_level(logging.WARNING, logger="gecolib.csp"):
        watch.page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
        )
        watch.check("style ajouté")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _logged(caplog):
            watch.page.wait_for_timeout(100)
    watch.close()
    assert any("style-src" in violation for violation in watch.violations), watch.violations
    assert any("(console)" in violation for violation in watch.violations), watch.violations
    [report] = _logged(caplog)
    assert "style-src" in report and reverse("charter") in report


def _logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "gecolib.csp"]
