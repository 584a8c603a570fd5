"""Issue 20, fault 3: monthly counts accepted revoyures above the patients
included (9 for 2), while re-evaluations were checked against the same month
only, which refused a real case (a patient included on 25 October for a
lombalgie is re-evaluated in November). Now the re-evaluations, and the
revoyures, of month M may not exceed the patients included in months M and
M−1 together, and a correction of month M−1 may not fall below what month M
already counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from protocols.cooperation.models import MonthlyActivity
from tests.protocols.cooperation.factories import ActivityFactory, DeclarationFactory, msp_with_aci

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2025, 10, 1)
NOVEMBER = datetime.date(2025, 11, 1)


@pytest.fixture
def declaration(coordinator):
    """A lombalgie (re-evaluated) declared in January 2024, in an MSP with the ACI."""
    structure = msp_with_aci()
    structure.memberships.create(user=coordinator, role="coordinateur")
    return DeclarationFactory(structure=structure)


def _post(client, declaration, **data):
    payload = {
        "month": "2025-11",
        "inclusions": "0",
        "reevaluations": "0",
        "revoyures": "0",
        "exclusions": "0",
    } | data
    return client.post(reverse("cooperation:activity", args=[declaration.pk]), payload)


def _errors(response, field):
    assert response.status_code == 200, "the form should have been refused"
    return response.context["form"].errors[field]


def test_revoyures_above_the_inclusions_of_the_month_and_the_month_before_are_refused(
    client, coordinator, declaration
):
    ActivityFactory(declaration=declaration, month=OCTOBER, inclusions=1, reevaluations=0)
    client.force_login(coordinator)
    response = _post(client, declaration, inclusions="1", revoyures="9")
    assert _errors(response, "revoyures") == [
        "Les revoyures de novembre 2025 (9) dépassent les patients inclus "
        "en octobre et novembre 2025 (2)."
    ]
    html = response.content.decode().replace("&#x27;", "'")
    assert "Les revoyures de novembre 2025 (9) dépassent" in html  # shown on the field
    assert not MonthlyActivity.objects.filter(month=NOVEMBER).exists()
    # As many as the two months' inclusions: accepted.
    assert _post(client, declaration, inclusions="1", revoyures="2").status_code == 302


def test_revoyures_without_the_month_before_entered_count_it_as_zero(
    client, coordinator, declaration
):
    client.force_login(coordinator)
    response = _post(client, declaration, month="2025-10", inclusions="2", revoyures="9")
    # Elided before a vowel: « d'octobre ».
    assert _errors(response, "revoyures") == [
        "Les revoyures d'octobre 2025 (9) dépassent les patients inclus "
        "en septembre et octobre 2025 (2)."
    ]
    assert not MonthlyActivity.objects.exists()


def test_the_month_before_january_is_december_of_the_year_before(client, coordinator, declaration):
    ActivityFactory(
        declaration=declaration, month=datetime.date(2024, 12, 1), inclusions=2, reevaluations=0
    )
    client.force_login(coordinator)
    response = _post(client, declaration, month="2025-01", inclusions="1", reevaluations="4")
    assert _errors(response, "reevaluations") == [
        "Les réévaluations de janvier 2025 (4) dépassent les patients inclus "
        "en décembre 2024 et janvier 2025 (3)."
    ]
    assert _post(client, declaration, month="2025-01", reevaluations="2").status_code == 302


def test_lombalgie_included_in_october_and_reevaluated_in_november_is_accepted(
    client, coordinator, declaration
):
    client.force_login(coordinator)
    # Included on 25 October, re-evaluated in November: no inclusion in November.
    assert _post(client, declaration, month="2025-10", inclusions="1").status_code == 302
    response = _post(client, declaration, month="2025-11", inclusions="0", reevaluations="1")
    assert response.status_code == 302
    november = MonthlyActivity.objects.get(month=NOVEMBER)
    assert (november.inclusions, november.reevaluations) == (0, 1)


def test_a_correction_of_the_month_before_below_what_the_month_after_counts_is_refused(
    client, coordinator, declaration
):
    october = ActivityFactory(declaration=declaration, month=OCTOBER, inclusions=3, reevaluations=0)
    ActivityFactory(declaration=declaration, month=NOVEMBER, inclusions=0, reevaluations=3)
    client.force_login(coordinator)
    response = _post(client, declaration, month="2025-10", inclusions="1", remplacer="2025-10")
    assert _errors(response, "inclusions") == [
        "Avec 1 patient inclus en octobre 2025 : les réévaluations de novembre 2025 (3) "
        "dépassent les patients inclus en octobre et novembre 2025 (1). "
        "Corrigez d'abord novembre 2025."
    ]
    october.refresh_from_db()
    assert october.inclusions == 3
    # Enough left for November's re-evaluations: accepted.
    response = _post(client, declaration, month="2025-10", inclusions="4", remplacer="2025-10")
    assert response.status_code == 302


def test_the_rule_is_the_models_so_the_admin_obeys_it_too(declaration):
    ActivityFactory(declaration=declaration, month=OCTOBER, inclusions=3, reevaluations=0)
    ActivityFactory(declaration=declaration, month=NOVEMBER, inclusions=0, reevaluations=3)
    october = MonthlyActivity.objects.get(month=OCTOBER)
    october.month = datetime.date(2025, 9, 1)  # moved away: November loses its inclusions
    with pytest.raises(ValidationError) as refused:
        october.full_clean()
    assert "Corrigez d'abord novembre 2025" in refused.value.message_dict["month"][0]
    lone = MonthlyActivity(
        declaration=declaration, month=datetime.date(2025, 8, 1), inclusions=0, revoyures=1
    )
    with pytest.raises(ValidationError) as refused:
        lone.full_clean()
    assert "Les revoyures d'août 2025 (1)" in refused.value.message_dict["revoyures"][0]
