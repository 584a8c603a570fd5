"""The ACI rules kept by staff: the loaded rule, points and euros, the pages
that change a rule (French errors, nothing changed on bad input), versions."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from gecolib.text import euros
from structures.enums import StructureKind
from structures.models import AciRule
from tests.factories import tokened
from tests.structures.factories import StructureFactory, restore_aci_rules

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _aci_rules(db):
    restore_aci_rules()


def rule_data(**overrides) -> dict:
    data = {
        "code": "rcp",
        "label": "Concertation pluriprofessionnelle",
        "structure_kind": StructureKind.MSP,
        "points_per_unit": "100",
        "max_units": "",
        "point_value": "7",
        "source": "Accord conventionnel interprofessionnel (ACI), avenant 1",
        "rule_date": "20/04/2022",
        "checked": "on",
        "comment": "",
    }
    data.update(overrides)
    return data


def protocols_rule() -> AciRule:
    return AciRule.objects.get(code="protocoles")


def test_the_protocols_rule_is_loaded_unchecked_with_its_first_version():
    rule = protocols_rule()
    assert (rule.points_per_unit, rule.max_units, rule.point_value) == (100, 8, Decimal("7.00"))
    assert rule.structure_kind == StructureKind.MSP
    assert rule.source.startswith("Accord conventionnel interprofessionnel (ACI)")
    assert "valeur du point 7 €" in rule.source
    assert not rule.checked  # for staff to verify
    # Its first version holds what the rule holds: saving unchanged adds none.
    assert rule.revisions.count() == 1
    assert rule.save_revision(by=None) is None


def test_estimate_caps_the_units_and_gives_euros():
    rule = protocols_rule()
    estimate = rule.estimate(10)
    assert (estimate.count, estimate.counted, estimate.points) == (10, 8, 800)
    assert (estimate.max_points, estimate.amount) == (800, 5600)
    assert rule.estimate(0).amount_label == "0\u00a0€"
    assert rule.summary == (
        "100 points par unité, 8 unités au plus (800 points, soit 5\u00a0600\u00a0€) ; "
        "1 point = 7\u00a0€"
    )
    rule.max_units = None
    rule.point_value = Decimal("7.25")
    uncapped = rule.estimate(12)
    assert (uncapped.counted, uncapped.points, uncapped.max_points) == (12, 1200, None)
    assert uncapped.amount_label == "8\u00a0700\u00a0€"
    assert rule.summary == "100 points par unité ; 1 point = 7,25\u00a0€"


def test_euro_amounts_are_written_the_french_way():
    assert euros(Decimal("12.5")) == "12,50\u00a0€"
    assert euros(1234567) == "1\u00a0234\u00a0567\u00a0€"


def test_a_rule_applies_to_its_kind_of_structure_only():
    assert AciRule.objects.for_structure("protocoles", StructureFactory(kind=StructureKind.MSP))
    for kind in (StructureKind.ESP, StructureKind.CPTS, StructureKind.HEALTH_CENTRE):
        structure = StructureFactory(kind=kind)
        assert AciRule.objects.for_structure("protocoles", structure) is None


def test_staff_edit_a_rule_and_a_version_is_kept(client_for, staff):
    rule = protocols_rule()
    client = client_for(staff)
    url = reverse("structures:aci_rule_edit", args=[rule.pk])
    page = client.get(url).content.decode()
    assert "Motif de la modification" in page and 'value="100"' in page
    data = rule_data(
        code="autre",
        label=rule.label,
        points_per_unit="120",
        max_units="8",
        point_value="7.50",
        rule_date="01/02/2026",
        comment="Avenant 2 : 120 points par protocole",
    )
    response = client.post(url, tokened(data))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.points_per_unit, rule.point_value, rule.checked) == (120, Decimal("7.50"), True)
    assert rule.rule_date == datetime.date(2026, 2, 1)
    assert rule.code == "protocoles"  # the code stays: the tools read it
    latest = rule.revisions.order_by("-number").first()
    assert latest.number == 2 and latest.author == staff
    assert latest.comment == "Avenant 2 : 120 points par protocole"
    # Saved again unchanged: nothing recorded, and said so.
    response = client.post(url, tokened(data), follow=True)
    assert "Aucune modification" in response.content.decode()
    assert rule.revisions.count() == 2
    # The comparison shows the old and new values; restoring brings 100 back.
    compare = client.get(
        reverse("structures:aci_rule_compare", args=[rule.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "[ajouté </span>120<" in compare and "[supprimé </span>100<" in compare
    # Values read as people write them: « 7,50 », « 01/02/2026 », the kind's name.
    assert "7,<del>" in compare and "2026" in compare and "2026-" not in compare
    client.post(reverse("structures:aci_rule_restore", args=[rule.pk, 1]), tokened({}))
    rule.refresh_from_db()
    assert rule.points_per_unit == 100 and rule.point_value == Decimal("7.00")
    assert rule.revisions.count() == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("points_per_unit", "0", "Une unité rapporte au moins un point."),
        ("max_units", "0", "Le plafond compte au moins une unité."),
        ("point_value", "0", "La valeur du point est positive."),
        ("point_value", "sept", "Saisissez un nombre."),
        ("rule_date", "31/12/9999", "Indiquez une date entre le 1er janvier 2000"),
        ("source", "", "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_refused_in_french_and_changes_nothing(
    client_for, staff, field, value, message
):
    rule = protocols_rule()
    response = client_for(staff).post(
        reverse("structures:aci_rule_edit", args=[rule.pk]),
        tokened(rule_data(**{"label": rule.label, "max_units": "8", field: value})),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    rule.refresh_from_db()
    assert (rule.points_per_unit, rule.max_units, rule.point_value) == (100, 8, Decimal("7.00"))
    assert rule.revisions.count() == 1


def test_an_edit_without_its_token_or_sent_twice_saves_once(client_for, staff):
    rule = protocols_rule()
    client = client_for(staff)
    url = reverse("structures:aci_rule_edit", args=[rule.pk])
    data = rule_data(label=rule.label, max_units="8", points_per_unit="120")
    # Without the form's token: refused, nothing saved.
    client.post(url, data)
    rule.refresh_from_db()
    assert rule.points_per_unit == 100 and rule.revisions.count() == 1
    data = tokened(data)
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "Ce formulaire avait déjà été envoyé" in response.content.decode()
    assert rule.revisions.count() == 2


def test_staff_add_a_rule_once(client_for, staff):
    client = client_for(staff)
    data = tokened(rule_data(comment="Critère de concertation"))
    assert client.post(reverse("structures:aci_rule_create"), data).status_code == 302
    # A second click on the same form adds nothing.
    assert client.post(reverse("structures:aci_rule_create"), data).status_code == 302
    rule = AciRule.objects.get(code="rcp")
    assert rule.revisions.get().comment == "Critère de concertation"
    # The code is unique, said in French.
    response = client.post(reverse("structures:aci_rule_create"), tokened(rule_data()))
    assert "Une règle porte déjà ce code." in response.content.decode()
    assert AciRule.objects.filter(code="rcp").count() == 1


@pytest.mark.parametrize("field", ["comment", "source", "label"])
def test_patient_identity_is_refused_in_the_rule_and_its_comment(client_for, staff, field):
    rule = protocols_rule()
    data = rule_data(label=rule.label, max_units="8")
    data[field] = "Vu avec le patient né le 12/03/1950"
    response = client_for(staff).post(
        reverse("structures:aci_rule_edit", args=[rule.pk]), tokened(data)
    )
    assert "aucune donnée permettant d'identifier un patient" in html.unescape(
        response.content.decode()
    )
    assert rule.revisions.count() == 1


def test_the_list_says_which_rules_are_to_verify(client_for, staff):
    page = client_for(staff).get(reverse("structures:aci_rules")).content.decode()
    assert "Protocoles pluriprofessionnels" in page and "à vérifier" in page
    assert "règle du 20 avril 2017" in page
    AciRule.objects.update(checked=True)
    page = client_for(staff).get(reverse("structures:aci_rules")).content.decode()
    assert "à vérifier" not in page


@pytest.mark.parametrize("n", [1, 15])
def test_the_list_uses_a_fixed_number_of_queries(client_for, staff, n, django_assert_num_queries):
    for index in range(n):
        AciRule.objects.create(
            code=f"regle-{index}",
            label=f"Règle {index}",
            points_per_unit=10,
            point_value=Decimal("7"),
            source="ACI",
            rule_date=datetime.date(2022, 4, 20),
        )
    client = client_for(staff)
    # session, user, second factor; count, page
    with django_assert_num_queries(5):
        assert client.get(reverse("structures:aci_rules")).status_code == 200
