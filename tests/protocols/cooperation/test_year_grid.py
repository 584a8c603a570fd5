"""Issue: a declaration's counts for a year on one grid — 12 months × the
four counts, past months editable, months not begun locked; only the months
changed are saved, each change kept in the declaration's history; the grid is
checked as a whole (follow-ups within the inclusions of M and M−1) and a
refused month saves nothing; months are chosen from lists, never from an
`<input type="month">`."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.cooperation.models import DeclarationEvent, MonthlyActivity
from protocols.cooperation.models.declarations import DeclarationStatus, EventKind
from tests.factories import UserFactory
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    msp_with_aci,
    national,
)

pytestmark = pytest.mark.django_db

COUNTS = ("inclusions", "reevaluations", "revoyures", "exclusions")


@pytest.fixture
def msp(coordinator):
    structure = msp_with_aci()
    structure.memberships.create(user=coordinator, role="coordinateur")
    return structure


@pytest.fixture
def declaration(msp):
    return DeclarationFactory(structure=msp)  # lombalgie, declared on 15 January 2024


@pytest.fixture
def june_2025(monkeypatch):
    """Today is 15 June 2025: July to December are not begun."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2025, 6, 15))


def _url(declaration, year=2025) -> str:
    return f"{reverse('cooperation:activity_year', args=[declaration.pk])}?annee={year}"


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _grid_data(client, declaration, year=2025, **months) -> dict:
    """The grid as the page shows it, with `months` typed over it:
    `m03={"inclusions": 12}`."""
    grid = client.get(_url(declaration, year)).context["grid"]
    data = {TOKEN_FIELD: new_token()}
    for row in grid.rows:
        data[f"{row.prefix}-shown"] = row.initial["shown"]
        for name in COUNTS:
            value = row.initial.get(name)
            data[f"{row.prefix}-{name}"] = "" if value is None else str(value)
        for name, value in months.get(row.prefix, {}).items():
            data[f"{row.prefix}-{name}"] = str(value)
    return data


def _row_errors(response, prefix: str) -> str:
    """The errors written next to the month's row."""
    html = _text(response)
    match = re.search(rf'<div id="{prefix}-erreurs"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no error next to {prefix}"
    return match.group(1)


def _stored(declaration) -> dict:
    return {
        activity.month.month: tuple(getattr(activity, name) for name in COUNTS)
        for activity in declaration.activities.filter(month__year=2025)
    }


def test_only_the_months_changed_are_saved_each_with_its_history(client, coordinator, declaration):
    march = ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 3, 1), entered_by=coordinator
    )  # 10 inclus, 6 réévaluations
    april = ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 4, 1), inclusions=5, reevaluations=2
    )
    april_saved_at = april.updated_at
    client.force_login(coordinator)
    data = _grid_data(
        client,
        declaration,
        m01={"inclusions": 4},  # a new month: blank boxes are 0
        m03={"inclusions": 12, "revoyures": 1},
    )
    response = client.post(_url(declaration), data)
    assert response.status_code == 302
    assert response["Location"] == _url(declaration)
    assert _stored(declaration) == {1: (4, 0, 0, 0), 3: (12, 6, 1, 0), 4: (5, 2, 0, 0)}
    april.refresh_from_db()
    assert april.updated_at == april_saved_at  # untouched
    event = DeclarationEvent.objects.get(kind=EventKind.ACTIVITY)
    assert event.by == coordinator
    assert event.comment.startswith(
        "Mars 2025, avant correction : 10 inclus, 6 réévaluations, 0 revoyure, 0 exclusion"
    )
    march.refresh_from_db()
    assert march.entered_by == coordinator
    page = _text(client.get(response["Location"]))
    assert "2 mois enregistrés : janvier 2025, mars 2025." in page
    assert "Financement estimé 2025 : 21 × 25\u00a0€ + 8 × 20\u00a0€ = 685\u00a0€." in page
    assert "Les comptes remplacés d'un mois restent dans l'historique" in page


def test_the_grid_sent_again_unchanged_records_nothing(client, coordinator, declaration):
    ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
    client.force_login(coordinator)
    response = client.post(_url(declaration), _grid_data(client, declaration))
    assert response.status_code == 302
    assert not DeclarationEvent.objects.filter(kind=EventKind.ACTIVITY).exists()
    assert "Aucun mois n'a changé" in _text(client.get(response["Location"]))


def test_months_not_begun_are_locked_and_refused_with_nothing_saved(
    client, coordinator, declaration, june_2025
):
    client.force_login(coordinator)
    html = _text(client.get(_url(declaration)))
    assert re.search(r'name="m06-inclusions"[^>]*value=""', html)  # this month: open
    assert re.search(r'name="m07-inclusions"[^>]*disabled', html)  # next month: locked
    assert "mois à venir" in html
    data = _grid_data(client, declaration, m05={"inclusions": 3}, m07={"inclusions": 2})
    response = client.post(_url(declaration), data)
    assert response.status_code == 200
    assert "Ce mois n'est pas encore commencé" in _row_errors(response, "m07")
    assert "Le tableau n'est pas enregistré : rien n'a changé." in _text(response)
    assert not MonthlyActivity.objects.exists()  # May, valid, is not saved either
    # The months typed are still there, to correct.
    assert re.search(r'name="m05-inclusions"[^>]*value="3"', _text(response))


def test_next_year_is_entirely_locked(client, coordinator, declaration, june_2025):
    client.force_login(coordinator)
    response = client.post(
        _url(declaration, 2026), _grid_data(client, declaration, 2026, m01={"inclusions": 1})
    )
    assert response.status_code == 200
    assert "Ce mois n'est pas encore commencé" in _row_errors(response, "m01")
    assert not MonthlyActivity.objects.exists()


def test_revoyures_above_the_inclusions_of_m_and_m_minus_1_are_refused_next_to_the_row(
    client, coordinator, declaration
):
    client.force_login(coordinator)
    months = {
        "m01": {"inclusions": 4},
        "m02": {"inclusions": 2},
        "m03": {"inclusions": 3, "revoyures": 6},
    }
    response = client.post(_url(declaration), _grid_data(client, declaration, **months))
    assert response.status_code == 200
    assert (
        "Les revoyures de mars 2025 (6) dépassent les patients inclus en février et mars "
        "2025 (5)." in _row_errors(response, "m03")
    )
    assert 'id="id_m03-revoyures"' in _text(response)
    assert re.search(r'id="id_m03-revoyures"[^>]*aria-invalid="true"', _text(response))
    assert not MonthlyActivity.objects.exists()  # January and February neither
    months["m03"]["revoyures"] = 5  # exactly the inclusions of February and March
    response = client.post(_url(declaration), _grid_data(client, declaration, **months))
    assert response.status_code == 302
    assert _stored(declaration)[3] == (3, 0, 5, 0)


def test_the_rule_reads_the_grid_new_values_not_the_stored_ones(client, coordinator, declaration):
    ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 2, 1), inclusions=10, reevaluations=0
    )
    ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 3, 1), inclusions=0, reevaluations=8
    )
    client.force_login(coordinator)
    # February falling to 1 patient leaves March's 8 re-evaluations beyond it.
    response = client.post(
        _url(declaration), _grid_data(client, declaration, m02={"inclusions": 1})
    )
    assert response.status_code == 200
    errors = _row_errors(response, "m02")
    assert "Avec 1 patient inclus en février 2025" in errors
    assert "les réévaluations de mars 2025 (8) dépassent" in errors
    assert _stored(declaration)[2][0] == 10
    # Both corrected in the same grid: accepted.
    response = client.post(
        _url(declaration),
        _grid_data(client, declaration, m02={"inclusions": 1}, m03={"reevaluations": 1}),
    )
    assert response.status_code == 302
    assert _stored(declaration)[3] == (0, 1, 0, 0)


def test_january_follows_december_of_the_year_before(client, coordinator, declaration):
    ActivityFactory(
        declaration=declaration, month=datetime.date(2024, 12, 1), inclusions=5, reevaluations=0
    )
    client.force_login(coordinator)
    response = client.post(
        _url(declaration), _grid_data(client, declaration, m01={"reevaluations": 6})
    )
    assert "décembre 2024 et janvier 2025 (5)" in _row_errors(response, "m01")
    response = client.post(
        _url(declaration), _grid_data(client, declaration, m01={"reevaluations": 5})
    )
    assert response.status_code == 302


def test_december_may_not_fall_below_january_after(client, coordinator, declaration):
    ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 12, 1), inclusions=6, reevaluations=0
    )
    ActivityFactory(
        declaration=declaration,
        month=datetime.date(2026, 1, 1),
        inclusions=0,
        reevaluations=0,
        revoyures=6,
    )
    client.force_login(coordinator)
    response = client.post(
        _url(declaration), _grid_data(client, declaration, m12={"inclusions": 2})
    )
    assert response.status_code == 200
    assert "Corrigez d'abord janvier 2026" in _row_errors(response, "m12")
    assert _stored(declaration)[12][0] == 6


def test_a_month_changed_meanwhile_by_a_colleague_is_not_overwritten(
    client, coordinator, declaration
):
    march = ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
    colleague = UserFactory(first_name="Anne", last_name="Guillou")
    client.force_login(coordinator)
    data = _grid_data(client, declaration, m03={"inclusions": 12})
    march.inclusions, march.entered_by = 11, colleague
    march.save()
    response = client.post(_url(declaration), data)
    assert response.status_code == 200
    assert "Ce mois vient d'être modifié par Anne Guillou (11 inclus" in _row_errors(
        response, "m03"
    )
    march.refresh_from_db()
    assert march.inclusions == 11
    # Untouched by this grid, a month a colleague changed is left as they saved it.
    response = client.post(_url(declaration), data | {"m03-inclusions": "10"})
    assert response.status_code == 302
    march.refresh_from_db()
    assert march.inclusions == 11


def test_bad_boxes_are_refused_in_french_next_to_the_row(client, coordinator, declaration):
    client.force_login(coordinator)
    for typed, message in [
        ("-1", "Un nombre de patients ne peut pas être négatif."),
        ("10001", "Au plus 10 000 par mois"),
        ("douze", "Saisissez un nombre entier."),
    ]:
        data = _grid_data(client, declaration, m02={"inclusions": 1}, m04={"inclusions": typed})
        response = client.post(_url(declaration), data)
        assert response.status_code == 200
        assert message in _row_errors(response, "m04")
    assert not MonthlyActivity.objects.exists()


def test_a_month_entered_is_not_emptied(client, coordinator, declaration):
    ActivityFactory(declaration=declaration, month=datetime.date(2025, 3, 1))
    client.force_login(coordinator)
    empty = dict.fromkeys(COUNTS, "")
    response = client.post(_url(declaration), _grid_data(client, declaration, m03=empty))
    assert "indiquez 0 plutôt que de vider les cases" in _row_errors(response, "m03")
    assert _stored(declaration)[3] == (10, 6, 0, 0)


def test_a_protocol_without_reevaluation_locks_its_column(client, coordinator, msp):
    declaration = DeclarationFactory(structure=msp, protocol=national("cystite"))
    client.force_login(coordinator)
    html = _text(client.get(_url(declaration)))
    assert re.search(r'name="m02-reevaluations"[^>]*disabled', html)
    assert "ne prévoit pas de réévaluation" in html
    data = _grid_data(client, declaration, m02={"inclusions": 3, "reevaluations": 1})
    response = client.post(_url(declaration), data)
    assert "ne prévoit pas de réévaluation : laissez 0" in _row_errors(response, "m02")
    assert not MonthlyActivity.objects.exists()


def test_months_before_the_declaration_are_locked(client, coordinator, msp):
    declaration = DeclarationFactory(structure=msp, declared_on=datetime.date(2025, 4, 10))
    client.force_login(coordinator)
    response = client.post(
        _url(declaration), _grid_data(client, declaration, m03={"inclusions": 2})
    )
    assert "Le protocole a été déclaré le 10/04/2025" in _row_errors(response, "m03")
    assert not MonthlyActivity.objects.exists()


def test_the_same_grid_sent_twice_is_saved_once(client, coordinator, declaration):
    client.force_login(coordinator)
    data = _grid_data(client, declaration, m03={"inclusions": 4})
    assert client.post(_url(declaration), data).status_code == 302
    second = client.post(_url(declaration), data | {"m03-inclusions": "9"})
    assert second.status_code == 302
    assert _stored(declaration)[3][0] == 4


def test_an_undeclared_protocol_has_no_grid(client, coordinator, msp):
    declaration = DeclarationFactory(
        structure=msp, status=DeclarationStatus.PREPARATION, declared_on=None, ds_number=""
    )
    client.force_login(coordinator)
    response = client.get(_url(declaration))
    assert response.status_code == 302 and response["Location"] == declaration.get_absolute_url()


def test_the_declaration_page_links_the_grid_and_no_page_has_a_month_input(
    client, coordinator, declaration
):
    client.force_login(coordinator)
    page = _text(client.get(declaration.get_absolute_url(), {"annee": 2025}))
    assert _url(declaration) in page.replace("&amp;", "&")
    assert "Saisir l'année 2025 mois par mois" in page
    grid = _text(client.get(_url(declaration)))
    assert '<select class="form-select" id="annee" name="annee">' in grid
    month_page = _text(client.get(reverse("cooperation:activity", args=[declaration.pk])))
    for html in (page, grid, month_page):
        assert 'type="month"' not in html
    assert 'name="month_0"' in month_page and 'name="month_1"' in month_page


@pytest.mark.parametrize("months", [0, 12])
def test_the_grid_costs_a_fixed_number_of_queries(
    client, coordinator, declaration, django_assert_num_queries, months
):
    for number in range(1, months + 1):
        ActivityFactory(
            declaration=declaration,
            month=datetime.date(2025, number, 1),
            inclusions=5,
            reevaluations=2,
            entered_by=UserFactory(),
        )
    client.force_login(coordinator)
    # session, user, the declaration (structure and protocol joined), may the
    # user edit, the months stored (December before to January after, their
    # authors joined).
    with django_assert_num_queries(5):
        response = client.get(_url(declaration))
    assert response.status_code == 200
