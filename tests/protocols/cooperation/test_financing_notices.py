"""Issue: a structure whose activity will not be financed is told so when it
declares the protocol (the declaration's form and page, before any count is
typed), with the reason; every amount shown is labelled an estimate, with
the rule applied, its text and date."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from protocols.cooperation.models.financing import declaration_notice, rule_applied
from structures.enums import Stage, StructureKind
from tests.factories import StructureFactory
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    msp_with_aci,
    national,
)

pytestmark = pytest.mark.django_db

FINANCED_FOR_CPTS = {"cystite", "angine"}
NOTICE = "Activité non financée"


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _coordinated(structure, coordinator):
    structure.memberships.create(user=coordinator, role="coordinateur")
    return structure


def _declare_page(client, structure, coordinator) -> str:
    client.force_login(coordinator)
    response = client.get(reverse("cooperation:declare", args=[structure.pk]))
    assert response.status_code == 200
    return _text(response)


def test_an_esp_is_told_on_the_declaration_form_that_nothing_will_be_financed(client, coordinator):
    esp = _coordinated(StructureFactory(kind=StructureKind.ESP), coordinator)
    html = _declare_page(client, esp, coordinator)
    assert NOTICE in html
    assert "mais elle ne sera pas financée" in html
    # One reason for every protocol, naming who is financed, and for which protocols.
    assert html.count("Une ESP n'est pas éligible au financement") == 1
    assert "CPTS – communauté professionnelle territoriale de santé pour « Angine », " in html
    # Informative, not a refusal: the form is there, and declaring works.
    assert 'name="protocol"' in html


def test_a_cpts_is_told_which_protocols_will_not_be_financed(client, coordinator):
    cpts = _coordinated(
        StructureFactory(
            kind=StructureKind.CPTS, stage=Stage.CPTS_ACI, aci_signed_on=datetime.date(2021, 5, 1)
        ),
        coordinator,
    )
    client.force_login(coordinator)
    response = client.get(reverse("cooperation:declare", args=[cpts.pk]))
    groups = response.context["not_financed"]
    refused = {protocol.code for _reason, protocols in groups for protocol in protocols}
    assert refused == {"rhino-conjonctivite", "varicelle", "cheville", "lombalgie"}
    assert not refused & FINANCED_FOR_CPTS
    html = _text(response)
    assert "n'est pas éligible au financement du protocole « Lombalgie aiguë »" in html
    assert "« Cystite »" not in html.split(NOTICE)[1].split("</section>")[0]


def test_an_msp_without_aci_date_is_told_to_record_it(client, coordinator):
    msp = _coordinated(
        StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_RECOGNISED), coordinator
    )
    html = _declare_page(client, msp, coordinator)
    assert NOTICE in html
    assert "La date de signature de l'ACI n'est pas renseignée" in html
    # One reason for every protocol: said once.
    assert html.count("La date de signature de l'ACI n'est pas renseignée") == 1


def test_an_msp_with_the_aci_is_told_nothing(client, coordinator):
    msp = _coordinated(msp_with_aci(), coordinator)
    assert NOTICE not in _declare_page(client, msp, coordinator)


def test_an_aci_signed_this_month_is_no_reason_at_declaration():
    today = datetime.date(2026, 3, 14)
    msp = msp_with_aci(signed_on=today)
    assert declaration_notice(msp, national("angine"), today) == ""
    assert "date de signature" in declaration_notice(
        StructureFactory(kind=StructureKind.MSP), national("angine"), today
    )


def test_the_declaration_page_tells_before_any_count(client, structure, member):
    declaration = DeclarationFactory(structure=structure, protocol=national("angine"))
    client.force_login(member)
    html = _text(client.get(declaration.get_absolute_url()))
    assert not declaration.activities.exists()
    assert NOTICE in html
    assert "Une ESP n'est pas éligible" in html


def test_a_financed_declaration_page_has_no_notice(client, coordinator):
    msp = _coordinated(msp_with_aci(), coordinator)
    declaration = DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    assert NOTICE not in _text(client.get(declaration.get_absolute_url()))


def test_amounts_are_labelled_estimates_with_the_rule_text_and_date(client, coordinator):
    msp = _coordinated(msp_with_aci(), coordinator)
    declaration = DeclarationFactory(structure=msp, protocol=national("angine"))
    ActivityFactory(declaration=declaration, inclusions=4, reevaluations=0)
    client.force_login(coordinator)
    html = _text(client.get(declaration.get_absolute_url(), {"annee": 2025}))
    assert "Activité et financement estimé 2025" in html
    assert "Montant estimé" in html and "Calcul de l'estimation" in html
    assert "Règle appliquée" in html
    assert "25\u00a0€ par patient inclus (première consultation), revoyure comprise" in html
    assert "Arrêté du 17 août 2023" in html and "texte du 17 août 2023" in html

    structure_page = _text(
        client.get(reverse("cooperation:structure", args=[msp.pk]), {"annee": 2025})
    )
    assert "Financement estimé 2025 de la structure" in structure_page
    assert "texte du 17 août 2023" in structure_page
    index = _text(client.get(reverse("cooperation:index"), {"annee": 2025}))
    assert "Financement estimé 2025" in index and "texte du 17 août 2023" in index


def test_the_overview_labels_its_amounts_estimates(client, staff):
    declaration = DeclarationFactory(structure=msp_with_aci(), protocol=national("lombalgie"))
    ActivityFactory(declaration=declaration)
    client.force_login(staff)
    html = _text(client.get(reverse("cooperation:overview"), {"annee": 2025}))
    assert "estimation du financement" in html
    assert "Montants estimés." in html
    assert rule_applied(national("lombalgie")) in html


def test_the_export_headings_say_estimate_and_each_row_names_its_rule(client, coordinator):
    msp = _coordinated(msp_with_aci(), coordinator)
    declaration = DeclarationFactory(structure=msp)
    ActivityFactory(declaration=declaration)
    client.force_login(coordinator)
    url = reverse("cooperation:export", args=[msp.pk])
    response = client.get(url, {"annee": 2025, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    headings = [cell.value for cell in sheet[1]]
    assert "Montant estimé (€)" in headings and "Calcul de l'estimation" in headings
    rule_column = headings.index("Règle appliquée (texte et date)")
    rule = sheet[2][rule_column].value
    assert rule == rule_applied(national("lombalgie"))
    assert "20\u00a0€ par réévaluation" in rule and "texte du 10 septembre 2020" in rule
