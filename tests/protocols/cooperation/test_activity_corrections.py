"""Issue 19, finding 11: correcting an already-entered month typed as MM/AAAA
or AAAA-MM-DD answered 500 (IntegrityError), and entering a month again
replaced its counts without warning or history. Now the month is normalised,
the counts already entered are shown and the replacement confirmed, the
counts replaced stay in the declaration's history, and counts are bounded."""

import datetime

import pytest
from django.urls import reverse

from protocols.cooperation.models import DeclarationEvent, MonthlyActivity
from protocols.cooperation.models.declarations import EventKind
from protocols.cooperation.views import activity as activity_views
from tests.protocols.cooperation.factories import ActivityFactory, DeclarationFactory, msp_with_aci

pytestmark = pytest.mark.django_db


@pytest.fixture
def msp(coordinator):
    structure = msp_with_aci()
    structure.memberships.create(user=coordinator, role="coordinateur")
    return structure


@pytest.fixture
def entered(msp, coordinator):
    """March 2025, entered with 10 inclusions and 6 re-evaluations."""
    return ActivityFactory(
        declaration=DeclarationFactory(structure=msp),
        month=datetime.date(2025, 3, 1),
        inclusions=10,
        reevaluations=6,
        entered_by=coordinator,
    )


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _post(client, declaration, **data):
    payload = {
        "month": "2025-03",
        "inclusions": "12",
        "reevaluations": "6",
        "revoyures": "1",
        "exclusions": "0",
    } | data
    return client.post(reverse("cooperation:activity", args=[declaration.pk]), payload)


@pytest.mark.parametrize("typed", ["03/2025", "2025-03-15", "2025-03", " 2025-03-01 "])
def test_a_month_entered_again_in_any_spelling_shows_its_counts_and_asks_to_confirm(
    client, coordinator, entered, typed
):
    client.force_login(coordinator)
    response = _post(client, entered.declaration, month=typed)
    html = _text(response)
    assert response.status_code == 200
    assert "Les comptes de mars 2025 sont déjà saisis" in html
    assert "la déclaration a déjà : 10 inclus, 6 réévaluations, 0 revoyure, 0 exclusion" in html
    assert "Remplacer les comptes de mars 2025" in html
    assert 'name="remplacer" value="2025-03"' in html
    assert 'name="inclusions" value="12"' in html  # the new counts, still editable
    entered.refresh_from_db()
    assert MonthlyActivity.objects.count() == 1 and entered.inclusions == 10
    assert not DeclarationEvent.objects.filter(kind=EventKind.ACTIVITY).exists()


def test_the_confirmed_replacement_keeps_the_previous_counts_in_the_history(
    client, coordinator, entered
):
    client.force_login(coordinator)
    response = _post(client, entered.declaration, month="03/2025", remplacer="2025-03")
    assert response.status_code == 302
    activity = MonthlyActivity.objects.get()
    assert (activity.month, activity.inclusions, activity.revoyures) == (
        datetime.date(2025, 3, 1),
        12,
        1,
    )
    event = DeclarationEvent.objects.get(kind=EventKind.ACTIVITY)
    assert event.by == coordinator
    assert event.comment.startswith(
        "Mars 2025, avant correction : 10 inclus, 6 réévaluations, 0 revoyure, 0 exclusion "
        "(saisis le "
    )
    assert coordinator.display_name in event.comment
    page = _text(client.get(response["Location"]))
    assert "Les comptes remplacés restent dans l'historique" in page
    assert "Activité d'un mois corrigée" in page and "avant correction : 10 inclus" in page


def test_the_correction_link_shows_the_counts_and_needs_no_second_confirmation(
    client, coordinator, entered
):
    client.force_login(coordinator)
    url = reverse("cooperation:activity", args=[entered.declaration.pk])
    html = _text(client.get(url, {"mois": "2025-03"}))
    assert "Vous corrigez mars 2025, déjà saisi : 10 inclus, 6 réévaluations" in html
    assert 'name="remplacer" value="2025-03"' in html
    response = _post(client, entered.declaration, remplacer="2025-03")
    assert response.status_code == 302
    assert MonthlyActivity.objects.get().inclusions == 12
    assert DeclarationEvent.objects.filter(kind=EventKind.ACTIVITY).count() == 1


def test_the_same_counts_again_change_nothing_and_ask_nothing(client, coordinator, entered):
    client.force_login(coordinator)
    response = _post(client, entered.declaration, inclusions="10", revoyures="0")
    assert response.status_code == 302
    assert not DeclarationEvent.objects.filter(kind=EventKind.ACTIVITY).exists()


@pytest.mark.parametrize("count", ["10001", str(2**63 - 1), str(2**31)])
def test_counts_are_bounded_with_a_french_message(client, coordinator, msp, count):
    declaration = DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    response = _post(client, declaration, inclusions=count, reevaluations="0")
    assert response.status_code == 200
    assert "Au plus 10 000 par mois" in _text(response)
    assert not MonthlyActivity.objects.exists()
    assert _post(client, declaration, inclusions="10000", reevaluations="0").status_code == 302


def test_a_month_entered_by_a_colleague_meanwhile_is_a_form_error(
    client, coordinator, msp, monkeypatch
):
    declaration = DeclarationFactory(structure=msp)
    original = activity_views.activity_form

    def colleague_enters_the_month_meanwhile(declaration, data, month=None):
        form = original(declaration, data, month)
        ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
        return form

    monkeypatch.setattr(activity_views, "activity_form", colleague_enters_the_month_meanwhile)
    client.force_login(coordinator)
    response = _post(client, declaration)
    assert response.status_code == 200
    assert "Ce mois vient d'être saisi par un autre membre" in _text(response)
    assert MonthlyActivity.objects.get().inclusions == 10  # the colleague's


def test_the_month_is_chosen_from_two_lists_and_binds_to_its_row(client, coordinator, entered):
    """No `<input type="month">` (Firefox and desktop Safari lack it): the
    month's name and the year are two lists, read as one month."""
    client.force_login(coordinator)
    url = reverse("cooperation:activity", args=[entered.declaration.pk])
    html = _text(client.get(url))
    assert 'type="month"' not in html
    assert '<select name="month_0" aria-label="Mois"' in html
    assert '<option value="3">mars</option>' in html
    assert '<select name="month_1" aria-label="Année"' in html
    payload = {
        "month_0": "3",
        "month_1": "2025",
        "inclusions": "12",
        "reevaluations": "6",
        "revoyures": "0",
        "exclusions": "0",
    }
    response = client.post(url, payload)
    assert "Les comptes de mars 2025 sont déjà saisis" in _text(response)
    assert '<option value="3" selected>mars</option>' in _text(response)
    response = client.post(url, payload | {"remplacer": "2025-03"})
    assert response.status_code == 302
    assert MonthlyActivity.objects.get().inclusions == 12
    response = client.post(url, payload | {"month_0": "", "month_1": "2025"})
    assert "Choisissez le mois et l'année" in _text(response)
