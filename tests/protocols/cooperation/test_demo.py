"""Demo cooperation declarations: 12 months of counts, financing visible,
idempotent."""

import pytest
from django.core.management import call_command

from protocols.cooperation.models import CooperationDeclaration, MonthlyActivity
from protocols.cooperation.models.financing import year_financing

pytestmark = pytest.mark.django_db


def test_demo_declarations_with_twelve_months_of_counts():
    call_command("demo_data")
    declarations = CooperationDeclaration.objects.select_related("structure", "protocol")
    by_code = {d.protocol.code: d for d in declarations}
    assert set(by_code) == {"lombalgie", "cystite", "cheville", "angine"}
    assert by_code["lombalgie"].activities.count() >= 12
    assert by_code["angine"].activities.count() >= 12
    assert by_code["cheville"].status == "preparation"
    angine = by_code["angine"]
    assert angine.structure.kind == "esp"
    assert angine.new_declaration_needed
    months = list(angine.activities.all())
    financing = year_financing(angine, months, months[-1].month.year)
    assert financing.amount == 0 and "Une ESP n'est pas éligible" in financing.reasons[0]
    # Every month obeys the rules of a month typed by a team, follow-ups
    # within the inclusions of the month and the month before included.
    for activity in MonthlyActivity.objects.select_related("declaration__protocol"):
        activity.full_clean()
    # Each protocol has its own activity, so that the year's grids differ;
    # the cystite's last month is left to enter.
    months = sorted({a.month for a in by_code["lombalgie"].activities.all()})[-12:-1]
    inclusions = {
        code: [by_code[code].activities.get(month=month).inclusions for month in months]
        for code in ("lombalgie", "cystite", "angine")
    }
    assert len({tuple(values) for values in inclusions.values()}) == 3
    last = by_code["lombalgie"].activities.order_by("-month").first().month
    assert not by_code["cystite"].activities.filter(month=last).exists()
    total = MonthlyActivity.objects.count()
    call_command("demo_data")
    assert MonthlyActivity.objects.count() == total
    assert CooperationDeclaration.objects.count() == 4
