"""Coordination protocol pages: writing with the steps table, validation, PDF,
library copies, structure page, health project, query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.coordination.enums import ProtocolStatus, ProtocolTheme
from protocols.coordination.models import Protocol
from structures.enums import HealthProjectSection, StructureKind
from structures.models import AciRule, HealthProject
from tests.factories import MembershipFactory, StructureFactory
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeetingFactory,
    ProtocolFactory,
    protocol_with_steps,
)
from tests.structures.factories import restore_aci_rules

pytestmark = pytest.mark.django_db


def _steps(rows: list[dict], initial: int = 0) -> dict:
    data = {"steps-TOTAL_FORMS": str(len(rows)), "steps-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"steps-{index}-{key}"] = value
    return data


def _create_data(**extra) -> dict:
    return {
        "title": "Suivi des AVK",
        "theme": ProtocolTheme.ANTICOAGULANTS,
        "problem": "Des INR mal suivis après une sortie d'hospitalisation.",
        TOKEN_FIELD: new_token(),
        **extra,
    }


def test_create_orders_the_steps_by_their_order_field_and_skips_empty_rows(
    client_for, coordinator, structure
):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    data = _create_data(
        **_steps(
            [
                {"who": "Pharmacien", "what": "Explique le traitement", "ORDER": "2"},
                {"who": "Médecin", "what": "Prescrit et fixe la cible", "ORDER": "1"},
                {"who": "", "what": "", "ORDER": "4"},  # an added row left empty
                {"who": "Infirmier", "what": "Prélève l'INR", "ORDER": "3"},
            ]
        )
    )
    response = client_for(coordinator).post(url, data)
    protocol = Protocol.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("protocols:protocol_detail", args=[protocol.pk])
    assert [(s.position, s.who) for s in protocol.steps.all()] == [
        (1, "Médecin"),
        (2, "Pharmacien"),
        (3, "Infirmier"),
    ]
    assert protocol.revisions.count() == 1
    # A double click creates nothing more.
    client_for(coordinator).post(url, data)
    assert Protocol.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_changes_nothing(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    data = _create_data(
        title="",
        **_steps([{"who": "Médecin", "what": "", "ORDER": "1"}, {"who": "Kiné", "what": "Bilan"}]),
    )
    response = client_for(coordinator).post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in content
    assert 'value="Kiné"' in content and "Des INR mal suivis" in content
    assert not Protocol.objects.exists()


def test_a_patient_identifier_is_refused(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    data = _create_data(problem="Patient 1 85 05 78 006 084 91 suivi.")
    data.update(_steps([{"who": "Médecin", "what": "Voir", "ORDER": "1"}]))
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 200
    assert not Protocol.objects.exists()


def test_create_is_prefilled_from_an_rcp_decision(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    response = client_for(coordinator).get(
        url,
        {"title": "Plaies du pied diabétique", "problem": "Trois cas en RCP", "origin": "RCP"},
    )
    content = response.content.decode()
    assert 'value="Plaies du pied diabétique"' in content and "Trois cas en RCP" in content


def test_edit_moves_removes_and_adds_steps(client_for, coordinator, structure):
    protocol = protocol_with_steps(3, structure=structure)
    one, two, three = protocol.steps.all()
    data = {
        "title": protocol.title,
        "theme": protocol.theme,
        "problem": protocol.problem,
        **_steps(
            [
                {"id": str(one.pk), "who": one.who, "what": one.what, "ORDER": "2"},
                {"id": str(two.pk), "who": two.who, "what": two.what, "ORDER": "3", "DELETE": "on"},
                {"id": str(three.pk), "who": three.who, "what": three.what, "ORDER": "1"},
                {"who": "Diététicienne", "what": "Conseils", "ORDER": "3"},
            ],
            initial=3,
        ),
        "comment": "Ordre revu",
        "base_revision": "0",
    }
    response = client_for(coordinator).post(
        reverse("protocols:protocol_edit", args=[protocol.pk]), data
    )
    assert response.status_code == 302
    assert [s.who for s in protocol.steps.all()] == [three.who, one.who, "Diététicienne"]
    revision = protocol.revisions.first()
    assert revision.comment == "Ordre revu"
    assert [s["who"] for s in revision.content["steps"]] == [three.who, one.who, "Diététicienne"]


def test_a_colleague_s_save_in_between_is_not_overwritten(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    protocol.save_revision(by=coordinator)
    step = protocol.steps.get()
    data = {
        "title": "Chutes (mon texte)",
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": "1",
        **_steps([{"id": str(step.pk), "who": "Kiné", "what": "Bilan", "ORDER": "1"}], initial=1),
    }
    protocol.title = "Chutes (texte du collègue)"
    protocol.save()
    protocol.save_revision(by=coordinator, comment="Collègue")
    url = reverse("protocols:protocol_edit", args=[protocol.pk])
    response = client_for(coordinator).post(url, data)
    assert "modifié entre-temps (version 2" in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.title == "Chutes (texte du collègue)"
    # A change of status only (same text) is no conflict.
    data["base_revision"] = "2"
    protocol.save_revision(by=coordinator, comment="Statut")
    assert client_for(coordinator).post(url, data).status_code == 302
    protocol.refresh_from_db()
    assert protocol.title == "Chutes (mon texte)"


def test_edit_of_a_validated_protocol_is_sent_back_to_its_page(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure, validated=True)
    response = client_for(coordinator).get(reverse("protocols:protocol_edit", args=[protocol.pk]))
    assert response["Location"] == reverse("protocols:protocol_detail", args=[protocol.pk])


def test_validate_page(client_for, coordinator, member, structure):
    protocol = protocol_with_steps(3, structure=structure)
    url = reverse("protocols:protocol_validate", args=[protocol.pk])
    date = timezone.localdate() - datetime.timedelta(days=1)
    response = client_for(coordinator).post(
        url, {"date": date.isoformat(), "agreed_by": [coordinator.pk, member.pk]}
    )
    assert response.status_code == 302
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.VALIDATED
    assert protocol.review_date == date.replace(year=date.year + 1)
    assert protocol.agreed_by.count() == 2
    page = client_for(member).get(reverse("protocols:protocol_detail", args=[protocol.pk]))
    assert "Validé par l'équipe le" in page.content.decode()


def test_validate_refuses_an_empty_protocol_with_a_message(client_for, coordinator, structure):
    protocol = ProtocolFactory(structure=structure)
    response = client_for(coordinator).post(
        reverse("protocols:protocol_validate", args=[protocol.pk]),
        {"date": timezone.localdate().isoformat(), "agreed_by": [coordinator.pk]},
    )
    assert response.status_code == 200
    assert "sans étape ne peut pas être validé" in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN


def test_indicator_values_and_chart(client_for, coordinator, structure):
    protocol = ProtocolFactory(structure=structure)
    indicator = IndicatorFactory(protocol=protocol)
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=4)
    url = reverse("protocols:protocol_indicator_value", args=[protocol.pk, indicator.pk])
    client_for(coordinator).post(
        url, {f"v{indicator.pk}-date": "2025-06-01", f"v{indicator.pk}-value": "9.5"}
    )
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client_for(coordinator).post(
        url, {f"v{indicator.pk}-date": future, f"v{indicator.pk}-value": "3"}
    )
    assert list(indicator.values.values_list("value", flat=True)) == [4, 9.5]
    page = client_for(coordinator).get(reverse("protocols:protocol_detail", args=[protocol.pk]))
    content = page.content.decode()
    assert '<svg class="indicator-chart"' in content and "<polyline" in content
    assert "9,5" in content  # the table beside the chart


def test_meetings_page_and_warning(client_for, coordinator, structure):
    protocol = ProtocolFactory(structure=structure)
    rows = {
        "meetings-TOTAL_FORMS": "4",
        "meetings-INITIAL_FORMS": "0",
        TOKEN_FIELD: new_token(),
    }
    for index in range(4):
        rows[f"meetings-{index}-date"] = f"2026-0{index + 1}-10"
        rows[f"meetings-{index}-duration_minutes"] = "90"
    client_for(coordinator).post(reverse("protocols:protocol_meetings", args=[protocol.pk]), rows)
    assert protocol.meetings.count() == 4
    page = client_for(coordinator).get(reverse("protocols:protocol_detail", args=[protocol.pk]))
    assert "3 réunions de 2 heures au plus" in page.content.decode()


def test_pdf_has_the_pocket_sheet_then_the_full_protocol(client_for, member, structure):
    protocol = protocol_with_steps(3, structure=structure, title="Prévention des chutes")
    MeetingFactory(protocol=protocol)
    IndicatorValueFactory.create_batch(3, indicator=IndicatorFactory(protocol=protocol))
    response = client_for(member).get(reverse("protocols:protocol_pdf", args=[protocol.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "protocole_prevention-des-chutes_" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    first = reader.pages[0].extract_text()
    rest = "\n".join(page.extract_text() for page in reader.pages[1:])
    assert "Fiche de poche" in first and "Profession 3" in first
    assert "Problème abordé" not in first
    assert "Problème abordé" in rest and "Indicateurs d" in rest and "Profession 1" in rest


def test_library_copy(client_for, structure, other_structure, other_member):
    origin = protocol_with_steps(2, structure=structure, shared_with_network=True)
    origin.show_structure = False
    origin.save()
    membership = other_member.memberships.get()
    membership.role = "coordinateur"
    membership.save()
    client = client_for(other_member)
    page = client.get(reverse("protocols:library_detail", args=[origin.pk])).content.decode()
    assert structure.name not in page and "Une équipe du réseau" in page
    response = client.post(
        reverse("protocols:library_detail", args=[origin.pk]),
        {"structure": other_structure.pk, TOKEN_FIELD: new_token()},
    )
    copy = Protocol.objects.get(structure=other_structure)
    assert response["Location"] == reverse("protocols:protocol_detail", args=[copy.pk])
    assert copy.copied_from == origin and copy.steps.count() == 2
    # Somebody else's structure is refused.
    response = client.post(
        reverse("protocols:library_detail", args=[origin.pk]),
        {"structure": structure.pk, TOKEN_FIELD: new_token()},
    )
    assert response.status_code == 200
    assert Protocol.objects.filter(structure=structure).count() == 1


def test_library_browses_by_theme(client_for, professional):
    ProtocolFactory(shared_with_network=True, theme=ProtocolTheme.FALLS, title="Chutes A")
    ProtocolFactory(shared_with_network=True, theme=ProtocolTheme.WOUNDS, title="Plaies B")
    ProtocolFactory(theme=ProtocolTheme.WOUNDS, title="Pas partagé")
    content = (
        client_for(professional)
        .get(reverse("protocols:library"), {"theme": ProtocolTheme.WOUNDS})
        .content.decode()
    )
    assert "Plaies B" in content and "Chutes A" not in content and "Pas partagé" not in content
    # The filters get Bootstrap's classes from their renderer (gecolib.forms.FilterForm).
    assert 'id="id_theme" class="form-select"' in content
    assert 'id="id_q" class="form-control"' in content


def test_structure_page_links_to_protocols_and_shows_the_aci_count(client_for):
    restore_aci_rules()
    msp = StructureFactory(kind=StructureKind.MSP, name="MSP du test")
    coordinator = MembershipFactory(structure=msp, coordinator=True).user
    for _ in range(3):
        ProtocolFactory(structure=msp, in_use=True)
    client = client_for(coordinator)
    page = client.get(reverse("structures:detail", args=[msp.pk])).content.decode()
    assert reverse("protocols:protocol_list", args=[msp.pk]) in page
    assert "300 points sur 800, soit 2\u00a0100\u00a0€" in page
    listing = client.get(reverse("protocols:protocol_list", args=[msp.pk])).content.decode()
    # 7 € a point, the rule's date, the estimate said as such.
    assert "300 points sur 800, soit 2\u00a0100\u00a0€" in listing
    assert "(estimation, règle du 20 avril 2017)" in listing
    assert "Calcul : 3 × 100 points × 7\u00a0€" in listing
    # No ACI date on the structure's page: the amount is said to need a signature.
    assert "ce montant n'est versé qu'à une structure signataire" in listing
    # Only staff are offered to change the rule.
    assert reverse("structures:aci_rules") not in listing
    msp.aci_signed_on = datetime.date(2021, 3, 1)
    msp.save()
    listing = client.get(reverse("protocols:protocol_list", args=[msp.pk])).content.decode()
    assert "structure signataire" not in listing


def test_the_aci_follows_an_edit_of_the_rule(client_for):
    """A new avenant is an edit: 120 points at 7,50 € show at once."""
    restore_aci_rules()
    msp = StructureFactory(kind=StructureKind.MSP)
    coordinator = MembershipFactory(structure=msp, coordinator=True).user
    ProtocolFactory(structure=msp, in_use=True)
    AciRule.objects.filter(code="protocoles").update(
        points_per_unit=120, point_value=Decimal("7.50"), rule_date=datetime.date(2026, 1, 15)
    )
    listing = client_for(coordinator).get(reverse("protocols:protocol_list", args=[msp.pk]))
    content = listing.content.decode()
    assert "120 points sur 960, soit 900\u00a0€" in content
    assert "règle du 15 janvier 2026" in content


@pytest.mark.parametrize("kind", [StructureKind.ESP, StructureKind.CPTS])
def test_no_aci_wording_for_structures_outside_the_msp_aci(client_for, kind):
    structure = StructureFactory(kind=kind)
    coordinator = MembershipFactory(structure=structure, coordinator=True).user
    ProtocolFactory(structure=structure, in_use=True)
    client = client_for(coordinator)
    for url in (
        reverse("protocols:protocol_list", args=[structure.pk]),
        reverse("structures:detail", args=[structure.pk]),
    ):
        content = client.get(url).content.decode()
        assert "ACI" not in content and "points sur" not in content and "€" not in content


def test_health_project_section_lists_the_protocols(client_for, coordinator, structure):
    ProtocolFactory(structure=structure, title="Suivi des plaies chroniques", in_use=True)
    ProtocolFactory(structure=structure, title="Ancien protocole", status=ProtocolStatus.ARCHIVED)
    HealthProject.objects.create(structure=structure)
    page = client_for(coordinator).get(reverse("structures:health_project", args=[structure.pk]))
    content = page.content.decode()
    assert str(HealthProjectSection.RCP_PROTOCOLS.label) in content
    assert "Suivi des plaies chroniques" in content and "Ancien protocole" not in content


def _fill(structure, n: int) -> None:
    for index in range(n):
        protocol = protocol_with_steps(2, structure=structure, shared_with_network=index % 2 == 0)
        protocol.authors.add(*structure.memberships.values_list("user", flat=True)[:1])


@pytest.mark.parametrize("n", [2, 12])
def test_list_pages_use_a_fixed_number_of_queries(
    client_for, coordinator, staff, structure, n, django_assert_num_queries
):
    _fill(structure, n)
    client = client_for(coordinator)
    # session, user; the user's structures, those where they may write, count, page
    with django_assert_num_queries(6):
        assert client.get(reverse("protocols:index")).status_code == 200
    # session, user; structure, may create, ACI rule (none for an ESP: no count), count, page
    with django_assert_num_queries(7):
        assert (
            client.get(reverse("protocols:protocol_list", args=[structure.pk])).status_code == 200
        )
    # For an MSP, the ACI rule and the count of protocols in application.
    restore_aci_rules()
    msp = StructureFactory(kind=StructureKind.MSP)
    msp.memberships.create(user=coordinator, role="coordinateur")
    _fill(msp, n)
    with django_assert_num_queries(8):
        assert client.get(reverse("protocols:protocol_list", args=[msp.pk])).status_code == 200
    # session, user; counts by theme, count, page
    with django_assert_num_queries(5):
        assert client.get(reverse("protocols:library")).status_code == 200
    # session, user, second factor; theme × status, departments, counts by department,
    # count, total, departments of the filter, page
    staff_client = client_for(staff)
    with django_assert_num_queries(10):
        assert staff_client.get(reverse("protocols:overview")).status_code == 200


def test_an_empty_validation_is_refused_with_a_message(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure)
    response = client_for(coordinator).post(
        reverse("protocols:protocol_validate", args=[protocol.pk]), {}
    )
    content = response.content.decode()
    assert "Cochez au moins un membre" in content and "Date de validation" in content
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN


def test_version_pages_show_the_steps_compare_and_restore(client_for, coordinator, structure):
    protocol = protocol_with_steps(2, structure=structure, title="Chutes")
    protocol.save_revision(by=coordinator, comment="Création")
    protocol.title = "Chutes à domicile"
    protocol.save()
    protocol.steps.first().delete()
    protocol.save_revision(by=coordinator)
    client = client_for(coordinator)
    listing = client.get(reverse("protocols:protocol_versions", args=[protocol.pk]))
    content = listing.content.decode()
    assert "Versions du protocole" in content and "les indicateurs et valeurs ajoutés" in content
    assert reverse("protocols:protocol_list", args=[structure.pk]) in content  # breadcrumb
    version = client.get(reverse("protocols:protocol_version", args=[protocol.pk, 1]))
    content = version.content.decode()
    assert "Étapes de cette version" in content and "Restaurer cette version" in content
    assert content.count('<th scope="row">') >= 2  # the two steps of version 1
    compare = client.get(
        reverse("protocols:protocol_compare", args=[protocol.pk]), {"a": "1", "b": "2"}
    )
    assert "2 rubriques modifiées." in compare.content.decode()
    response = client.post(
        reverse("protocols:protocol_restore", args=[protocol.pk, 1]), {TOKEN_FIELD: new_token()}
    )
    assert response["Location"] == reverse("protocols:protocol_versions", args=[protocol.pk])
    protocol.refresh_from_db()
    assert protocol.title == "Chutes" and protocol.steps.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "La version 1 a été restaurée : elle devient la version 3." in page
