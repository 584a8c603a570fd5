"""Financing of cooperation protocols, checked by hand against the arrêté of
10 September 2020 (updated 2023) and the catalogue's figures."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from protocols.cooperation.models.financing import (
    ineligibility_reason,
    month_financing,
    year_financing,
)
from structures.enums import Stage, StructureKind
from tests.factories import StructureFactory
from tests.protocols.cooperation.factories import msp_with_aci, national

pytestmark = pytest.mark.django_db

MARCH_2025 = datetime.date(2025, 3, 1)


def counts(month=MARCH_2025, inclusions=0, reevaluations=0, revoyures=0, exclusions=0):
    return SimpleNamespace(
        month=month,
        inclusions=inclusions,
        reevaluations=reevaluations,
        revoyures=revoyures,
        exclusions=exclusions,
    )


def test_lombalgie_ten_first_consultations_and_six_reevaluations_make_370_euros():
    result = month_financing(
        msp_with_aci(), national("lombalgie"), counts(inclusions=10, reevaluations=6)
    )
    # 10 × 25\u00a0€ + 6 × 20\u00a0€ = 250 + 120 = 370\u00a0€
    assert result.eligible
    assert result.amount == Decimal("370")
    assert result.calculation == "10 × 25\u00a0€ + 6 × 20\u00a0€ = 370\u00a0€"
    assert result.shown_calculation == "10 × 25\u00a0€ + 6 × 20\u00a0€ = 370\u00a0€"


def test_cheville_pays_25_euros_for_the_first_consultation_and_for_the_reevaluation():
    result = month_financing(
        msp_with_aci(), national("cheville"), counts(inclusions=4, reevaluations=3)
    )
    # 4 × 25\u00a0€ + 3 × 25\u00a0€ = 100 + 75 = 175\u00a0€
    assert result.amount == Decimal("175")
    assert result.calculation == "4 × 25\u00a0€ + 3 × 25\u00a0€ = 175\u00a0€"


def test_cystite_pays_25_euros_per_patient_included_revoyure_included():
    result = month_financing(
        msp_with_aci(), national("cystite"), counts(inclusions=7, revoyures=2, exclusions=1)
    )
    # 7 × 25\u00a0€ = 175\u00a0€; revoyures and exclusions are not paid on top.
    assert result.amount == Decimal("175")
    assert result.calculation == "7 × 25\u00a0€ = 175\u00a0€"


def test_a_health_centre_with_the_aci_is_financed():
    centre = StructureFactory(
        kind=StructureKind.HEALTH_CENTRE,
        stage=Stage.CS_OPEN,
        aci_signed_on=datetime.date(2021, 1, 1),
    )
    assert month_financing(centre, national("varicelle"), counts(inclusions=2)).amount == 50


def test_an_esp_without_aci_earns_nothing_and_is_told_why():
    esp = StructureFactory(kind=StructureKind.ESP)
    result = month_financing(esp, national("lombalgie"), counts(inclusions=10, reevaluations=6))
    assert result.amount == 0
    assert not result.eligible
    assert "Une ESP n'est pas éligible" in result.reason
    assert "ACI" in result.reason
    assert result.shown_calculation == (
        "0\u00a0€ (10 × 25\u00a0€ + 6 × 20\u00a0€ = 370\u00a0€ si la structure était éligible)"
    )


def test_an_msp_without_aci_date_earns_nothing_and_is_told_to_record_the_date():
    msp = StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_RECOGNISED)
    result = month_financing(msp, national("angine"), counts(inclusions=3))
    assert result.amount == 0
    assert "date de signature de l'ACI n'est pas renseignée" in result.reason


def test_the_month_of_the_aci_signature_is_not_financed_the_next_one_is():
    msp = msp_with_aci(signed_on=datetime.date(2025, 3, 14))
    protocol = national("angine")
    assert "L'ACI a été signé le 14 mars 2025" in ineligibility_reason(msp, protocol, MARCH_2025)
    assert ineligibility_reason(msp, protocol, datetime.date(2025, 4, 1)) == ""
    signed_on_first = msp_with_aci(signed_on=datetime.date(2025, 3, 1))
    assert ineligibility_reason(signed_on_first, protocol, MARCH_2025) == ""


@pytest.mark.parametrize(
    ("code", "month", "eligible"),
    [
        ("cystite", datetime.date(2023, 2, 1), False),  # before the arrêté of 9 March 2023
        ("cystite", datetime.date(2023, 3, 1), False),  # the month it appeared: not whole
        ("cystite", datetime.date(2023, 4, 1), True),
        ("angine", datetime.date(2024, 6, 1), True),
        ("lombalgie", datetime.date(2024, 6, 1), False),  # never open to CPTS
        ("varicelle", datetime.date(2024, 6, 1), False),
    ],
)
def test_cpts_eligibility_dates(code, month, eligible):
    cpts = StructureFactory(
        kind=StructureKind.CPTS, stage=Stage.CPTS_ACI, aci_signed_on=datetime.date(2021, 5, 1)
    )
    result = month_financing(cpts, national(code), counts(month=month, inclusions=4))
    assert result.eligible is eligible
    assert result.amount == (100 if eligible else 0)
    if not eligible and month < datetime.date(2023, 4, 1):
        assert "9 mars 2023" in result.reason


def test_the_year_adds_its_months_and_lists_each_reason_once():
    msp = msp_with_aci(signed_on=datetime.date(2025, 2, 10))
    declaration = SimpleNamespace(structure=msp, protocol=national("lombalgie"))
    months = [
        counts(month=datetime.date(2025, 2, 1), inclusions=5, reevaluations=1),  # ACI mid-month
        counts(month=datetime.date(2025, 3, 1), inclusions=10, reevaluations=6),  # 370\u00a0€
        counts(month=datetime.date(2025, 4, 1), inclusions=2, reevaluations=2),  # 90\u00a0€
        counts(month=datetime.date(2024, 12, 1), inclusions=9),  # another year
    ]
    year = year_financing(declaration, months, 2025)
    assert [m.month.month for m in year.months] == [2, 3, 4]
    assert year.amount == Decimal("460")
    # Financed months only (February is not: the ACI was signed on the 10th).
    assert year.calculation == "12 × 25\u00a0€ + 8 × 20\u00a0€ = 460\u00a0€"
    assert (year.inclusions, year.reevaluations) == (17, 9)
    assert len(year.reasons) == 1 and "10 février 2025" in year.reasons[0]
