"""Staff overview: activity and financing by protocol and department, exports."""

import datetime

import pytest
from django.urls import reverse

from gecolib.models import EPCI
from structures.enums import StructureKind
from tests.factories import StructureFactory
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    msp_with_aci,
    national,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    finistere = EPCI.objects.filter(department__code="29").first()
    msp_22 = msp_with_aci(name="MSP des Côtes")
    msp_29 = msp_with_aci(name="MSP du Finistère", epcis=[finistere])
    esp_29 = StructureFactory(name="ESP du Finistère", kind=StructureKind.ESP, epcis=[finistere])
    lombalgie_22 = DeclarationFactory(structure=msp_22, protocol=national("lombalgie"))
    ActivityFactory(declaration=lombalgie_22)  # 10 × 25 + 6 × 20 = 370\u00a0€
    cystite_29 = DeclarationFactory(structure=msp_29, protocol=national("cystite"))
    ActivityFactory(declaration=cystite_29, inclusions=8, reevaluations=0)  # 200\u00a0€
    angine_29 = DeclarationFactory(structure=esp_29, protocol=national("angine"))
    ActivityFactory(declaration=angine_29, inclusions=5, reevaluations=0)  # ESP: 0\u00a0€
    ActivityFactory(
        declaration=lombalgie_22, month=datetime.date(2024, 12, 1), inclusions=3, reevaluations=0
    )  # another year


def test_summary_by_protocol_and_department(client, staff, network):
    client.force_login(staff)
    response = client.get(reverse("cooperation:overview"), {"annee": 2025})
    summary = response.context["summary"]
    assert summary["departments"] == ["22", "29", "35", "56"]
    rows = {row["label"]: row["cells"] for row in summary["rows"]}
    assert rows["Lombalgie aiguë"][0] == {
        "declarations": 1,
        "inclusions": 10,
        "reevaluations": 6,
        "amount": "370\u00a0€",
    }
    assert rows["Cystite"][1]["amount"] == "200\u00a0€"
    assert rows["Angine"][1]["amount"] == "0\u00a0€" and rows["Angine"][1]["inclusions"] == 5
    total = summary["total"]["cells"]
    assert total[0]["amount"] == "370\u00a0€"
    assert total[1]["amount"] == "200\u00a0€"
    assert total[-1]["amount"] == "570\u00a0€" and total[-1]["declarations"] == 3

    filtered = client.get(reverse("cooperation:overview"), {"annee": 2025, "department": "29"})
    assert filtered.context["summary"]["total"]["cells"][-1]["amount"] == "200\u00a0€"
    assert filtered.context["page"].paginator.count == 2


def test_overview_export(client, staff, network):
    client.force_login(staff)
    url = reverse("cooperation:overview_export")
    text = client.get(url, {"annee": 2025, "format": "csv"}).getvalue().decode("utf-8-sig")
    assert "MSP des Côtes" in text and "MSP du Finistère" in text
    assert "Une ESP n'est pas éligible" in text
    assert "2024-12" not in text
    assert client.get(url, {"format": "pdf"}).status_code == 400
