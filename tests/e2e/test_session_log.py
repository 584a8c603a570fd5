"""The session log by keyboard: a practised user logs a minimal session (the
day's date kept, one help type, two participant counts, a shared summary) in
at most 25 tab stops, and adds follow-up rows only when needed."""

import pytest

from facilitations.models import FollowUpAction, Session
from tests.e2e.conftest import login
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    FacilitationFactory,
    StructureFactory,
    UserFactory,
    accept_charter,
)

pytestmark = [pytest.mark.e2e]

MAX_TAB_STOPS = 25
ACTIVE = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent.trim() : "";
  return {id: e.id, tag: e.tagName, type: e.type || "", label: label || e.textContent.trim()};
}"""


def _log_minimal_session(page) -> list[str]:
    """Tab from the first field to the submit button, filling what a minimal
    session needs on the way (checkbox ticked with Space, numbers typed);
    returns one line per tab stop."""
    fills = {"Médecin": "2", "Infirmier": "3", "Synthèse partagée avec l'équipe": "Point d'étape."}
    done = set()
    page.locator("#id_date").focus()
    stops = []
    while len(stops) < 80:
        active = page.evaluate(ACTIVE)
        label = active["label"].replace("*", "").strip()
        stops.append(f"{active['tag'].lower()}[{active['type']}] {label[:50]}")
        if active["tag"] == "BUTTON" and "Enregistrer la séance" in active["label"]:
            return stops
        key = (active["id"], label)
        if key not in done:
            done.add(key)
            if label == "Animation de groupe":
                page.keyboard.press("Space")
            elif label in fills:
                page.keyboard.type(fills[label])
        page.keyboard.press("Tab")
    raise AssertionError("Le bouton d'envoi n'est jamais atteint :\n" + "\n".join(stops))


@pytest.fixture
def facilitation():
    facilitator = UserFactory(email="yann@exemple.fr", facilitator=True)
    accept_charter(facilitator)
    facilitation = FacilitationFactory(structure=StructureFactory(name="ESP du Mené"))
    AssignmentFactory(facilitation=facilitation, user=facilitator)
    return facilitation


def test_minimal_session_in_at_most_25_tab_stops(page, facilitation):
    from playwright.sync_api import expect

    login(page, "yann@exemple.fr", PASSWORD)
    page.goto(f"{page.base_url}/facilitations/{facilitation.pk}/seances/nouvelle/")
    stops = _log_minimal_session(page)
    print(f"\nJournal de séance minimal : {len(stops)} arrêts de tabulation")
    for number, stop in enumerate(stops, start=1):
        print(f"  {number:2d}. {stop}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("enregistrée")
    session = Session.objects.get()
    assert session.shared_summary == "Point d'étape."
    assert {p.profession.name: p.count for p in session.participations.all()} == {
        "Médecin": 2,
        "Infirmier": 3,
    }
    assert [h.label for h in session.help_given.all()] == ["Animation de groupe"]
    assert not FollowUpAction.objects.exists()
    assert len(stops) <= MAX_TAB_STOPS, "\n".join(stops)


def test_follow_up_rows_added_as_needed_and_errors_lead_to_them(page, facilitation):
    from playwright.sync_api import expect

    login(page, "yann@exemple.fr", PASSWORD)
    page.goto(f"{page.base_url}/facilitations/{facilitation.pk}/seances/nouvelle/")
    # no blank row with JavaScript: rows are added as needed, focus in the new row
    expect(page.get_by_role("group", name="Action de suivi 1")).to_have_count(0)
    add = page.get_by_role("button", name="Ajouter une action")
    add.click()
    first = page.get_by_role("group", name="Action de suivi 1")
    expect(first.get_by_label("Action à mener")).to_be_focused()
    add.click()
    expect(page.get_by_role("group", name="Action de suivi 2")).to_be_visible()
    # optional rows carry no required mark
    assert first.locator(".asteriskField").count() == 0
    first.get_by_label("Action à mener").fill("Envoyer la liste des membres")
    page.get_by_role("button", name="Enregistrer la séance").click()

    # the only error is in a follow-up row, far below: the summary at the top leads to it
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Échéance (ligne 1)").click()
    due = page.locator("#id_suivi-0-due_date")
    expect(due).to_be_focused()
    expect(due).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_suivi-0-title")).to_have_value("Envoyer la liste des membres")
    due.fill("2030-01-15")
    page.get_by_role("button", name="Enregistrer la séance").click()
    expect(page.get_by_role("alert")).to_contain_text("enregistrée")
    assert list(FollowUpAction.objects.values_list("title", flat=True)) == [
        "Envoyer la liste des membres"
    ]
