"""A structure's declaration: team, training, status, "nouvelle déclaration",
and the monthly counts with their French messages."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import load_workbook

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.cooperation.models import CooperationDeclaration, MonthlyActivity
from protocols.cooperation.models.declarations import DeclarationStatus, ParticipantRole
from tests.factories import MembershipFactory, profession
from tests.protocols.cooperation.factories import (
    ActivityFactory,
    DeclarationFactory,
    gp,
    msp_with_aci,
    national,
    physiotherapist,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def msp(coordinator):
    structure = msp_with_aci()
    structure.memberships.create(user=coordinator, role="coordinateur")
    return structure


def _post_activity(client, declaration, **data):
    payload = {
        "month": "2025-03",
        "inclusions": "10",
        "reevaluations": "6",
        "revoyures": "1",
        "exclusions": "0",
    } | data
    return client.post(reverse("cooperation:activity", args=[declaration.pk]), payload)


def test_a_coordinator_enters_a_month_and_sees_the_calculation(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    response = _post_activity(client, declaration)
    assert response.status_code == 302
    activity = MonthlyActivity.objects.get(declaration=declaration)
    assert (activity.month, activity.inclusions, activity.reevaluations) == (
        datetime.date(2025, 3, 1),
        10,
        6,
    )
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "10 × 25\u00a0€ + 6 × 20\u00a0€ = 370\u00a0€" in text
    assert "ne se cumule pas avec une facturation ordinaire" in text
    # Entering the same month again corrects it, once confirmed, instead of
    # adding a second row (tests/protocols/cooperation/test_activity_corrections.py).
    _post_activity(client, declaration, inclusions="12", remplacer="2025-03")
    assert MonthlyActivity.objects.get(declaration=declaration).inclusions == 12


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"inclusions": "-1"}, "inclusions", "Un nombre de patients ne peut pas être négatif."),
        ({"exclusions": "-3"}, "exclusions", "Un nombre de patients ne peut pas être négatif."),
        (
            {"inclusions": "3", "reevaluations": "5"},
            "reevaluations",
            "Les réévaluations de mars 2025 (5) dépassent les patients inclus "
            "en février et mars 2025 (3).",
        ),
        ({"month": "2099-01"}, "month", "Ce mois n'est pas encore commencé"),
        ({"month": "2023-12"}, "month", "Le protocole a été déclaré le 15/01/2024"),
        ({"month": "mars"}, "month", "Choisissez le mois et l'année"),
    ],
)
def test_bad_counts_are_refused_in_french_and_nothing_is_saved(
    client, msp, coordinator, data, field, message
):
    declaration = DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    response = _post_activity(client, declaration, **data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not MonthlyActivity.objects.exists()


def test_next_month_is_refused(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    today = timezone.localdate()
    next_month = (today.replace(day=28) + datetime.timedelta(days=7)).strftime("%Y-%m")
    response = _post_activity(client, declaration, month=next_month)
    assert "Ce mois n'est pas encore commencé" in response.context["form"].errors["month"][0]
    assert not MonthlyActivity.objects.exists()


def test_reevaluations_are_refused_for_a_protocol_without_them(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp, protocol=national("cystite"))
    client.force_login(coordinator)
    response = _post_activity(client, declaration, inclusions="4", reevaluations="1")
    assert "ne prévoit pas de réévaluation" in response.content.decode()


def test_a_delegate_without_enough_training_is_refused(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp, status=DeclarationStatus.PREPARATION)
    kine = physiotherapist(msp)
    client.force_login(coordinator)
    url = reverse("cooperation:participant_add", args=[declaration.pk])
    data = {
        "user": kine.pk,
        "role": ParticipantRole.DELEGATE,
        "training_date": "2024-05-01",
        "training_hours": "6",
        TOKEN_FIELD: new_token(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        f"La formation de {kine.display_name} (6 h) est inférieure aux 10 heures exigées par "
        "le protocole « Lombalgie aiguë » : ce délégué ne peut pas être déclaré."
    ) in response.content.decode()
    assert not declaration.participants.exists()
    data |= {"training_hours": "10", TOKEN_FIELD: new_token()}
    assert client.post(url, data).status_code == 302
    assert declaration.participants.get().user == kine


def test_only_members_with_the_right_profession_are_offered(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    kine = physiotherapist(msp)
    doctor = gp(msp)
    nurse = MembershipFactory(structure=msp, user__profession=profession("60")).user
    client.force_login(coordinator)
    page = client.get(reverse("cooperation:participant_add", args=[declaration.pk]))
    offered = set(page.context["form"].fields["user"].queryset)
    assert kine in offered and doctor in offered and coordinator in offered
    assert nurse not in offered  # lombalgie: physiotherapists only
    with pytest.raises(Exception, match="ne peut pas être délégué"):
        declaration.add_participant(
            nurse,
            ParticipantRole.DELEGATE,
            by=coordinator,
            training_date=datetime.date(2024, 1, 1),
            training_hours=12,
        )


def test_a_team_change_after_declaration_flags_a_new_declaration(client, msp, coordinator, staff):
    declaration = DeclarationFactory(structure=msp)
    kine = physiotherapist(msp)
    declaration.add_participant(
        kine,
        ParticipantRole.DELEGATE,
        by=coordinator,
        training_date=datetime.date(2024, 1, 1),
        training_hours=10,
    )
    declaration.refresh_from_db()
    assert declaration.new_declaration_needed
    client.force_login(coordinator)
    page = client.get(reverse("cooperation:structure", args=[msp.pk]))
    assert "une nouvelle déclaration à l'ARS est à faire" in page.content.decode()
    client.force_login(staff)
    url = reverse("cooperation:redeclare", args=[declaration.pk])
    client.post(
        url,
        {
            "redeclaration-date": timezone.localdate().isoformat(),
            "redeclaration-ds_number": "99887766",
        },
    )
    declaration.refresh_from_db()
    assert not declaration.new_declaration_needed
    assert declaration.ds_number == "99887766"
    assert declaration.events.filter(kind="redeclaration").exists()


def test_a_team_change_in_preparation_needs_no_new_declaration(msp, coordinator):
    declaration = DeclarationFactory(
        structure=msp, status=DeclarationStatus.PREPARATION, declared_on=None, ds_number=""
    )
    declaration.add_participant(gp(msp), ParticipantRole.DELEGANT, by=coordinator)
    declaration.refresh_from_db()
    assert not declaration.new_declaration_needed


def test_status_workflow(msp, coordinator):
    declaration = DeclarationFactory(
        structure=msp, status=DeclarationStatus.PREPARATION, declared_on=None, ds_number=""
    )
    with pytest.raises(Exception, match="renseignez : la date de déclaration"):
        declaration.change_status(DeclarationStatus.DECLARED, by=coordinator)
    declaration.declared_on, declaration.ds_number = datetime.date(2025, 1, 6), "1234567"
    declaration.save()
    declaration.add_participant(gp(msp), ParticipantRole.DELEGANT, by=coordinator)
    declaration.add_participant(
        physiotherapist(msp),
        ParticipantRole.DELEGATE,
        by=coordinator,
        training_date=datetime.date(2024, 1, 1),
        training_hours=10,
    )
    for status in ("declare", "actif", "suspendu", "actif", "arrete"):
        declaration.change_status(status, by=coordinator)
    with pytest.raises(Exception, match="Impossible de passer"):
        declaration.change_status("actif", by=coordinator)
    assert declaration.events.filter(kind="statut").count() == 5


def test_the_ds_number_is_digits(client, msp, coordinator):
    client.force_login(coordinator)
    url = reverse("cooperation:declare", args=[msp.pk])
    data = {
        "protocol": national("angine").pk,
        "declared_on": "2025-02-03",
        "ds_number": "DS-12A",
        TOKEN_FIELD: new_token(),
    }
    response = client.post(url, data)
    assert "ne contient que des chiffres" in response.content.decode()
    assert not CooperationDeclaration.objects.exists()
    # Without a date the protocol stays in preparation (a date and a number
    # make it « déclaré », with its team: tests/protocols/cooperation/test_declaration_team.py).
    data |= {"ds_number": "12 345 678", "declared_on": "", TOKEN_FIELD: new_token()}
    assert client.post(url, data).status_code == 302
    assert CooperationDeclaration.objects.get().ds_number == "12345678"


def test_the_export_writes_the_year_with_the_calculation(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    ActivityFactory(declaration=declaration)
    ActivityFactory(
        declaration=declaration, month=datetime.date(2025, 4, 1), inclusions=2, reevaluations=0
    )
    client.force_login(coordinator)
    url = reverse("cooperation:export", args=[msp.pk])
    response = client.get(url, {"annee": 2025, "format": "csv"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="cooperation_{slugify(msp.name)}_2025.csv"'
    )
    text = response.getvalue().decode("utf-8-sig")
    assert "2025-03;10;6;0;0;370;10 × 25\u00a0€ + 6 × 20\u00a0€ = 370\u00a0€" in text
    assert "Total 2025;12;6;0;0;420;12 × 25\u00a0€ + 6 × 20\u00a0€ = 420\u00a0€" in text
    response = client.get(url, {"annee": 2025, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.title == "Coopération 2025"
    assert [cell.value for cell in sheet[2]][6:12] == ["2025-03", 10, 6, 0, 0, 370]


def test_the_structure_page_links_to_its_cooperation(client, msp, coordinator):
    DeclarationFactory(structure=msp)
    client.force_login(coordinator)
    text = client.get(reverse("structures:detail", args=[msp.pk])).content.decode()
    assert reverse("cooperation:structure", args=[msp.pk]) in text
    assert "Lombalgie aiguë" in text


def test_the_dashboard_shows_what_waits(client, msp, coordinator, staff):
    declaration = DeclarationFactory(structure=msp, new_declaration_needed=True)
    client.force_login(coordinator)
    text = client.get(reverse("home")).content.decode()
    assert declaration.get_absolute_url() in text
    assert "Nouvelle déclaration à faire" in text
    assert "à saisir" in text
    client.force_login(staff)
    assert reverse("cooperation:overview") in client.get(reverse("home")).content.decode()


def test_no_activity_after_the_protocol_stopped(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp)
    declaration.change_status("arrete", by=coordinator, date=datetime.date(2025, 6, 20))
    client.force_login(coordinator)
    response = _post_activity(client, declaration, month="2025-07")
    assert response.context["form"].errors["month"] == [
        "Le protocole est arrêté depuis le 20/06/2025 : aucune activité après ce mois-là."
    ]
    assert _post_activity(client, declaration, month="2025-06").status_code == 302


def test_staff_add_a_protocol_to_the_catalogue(client, staff):
    from protocols.cooperation.models import NationalProtocol
    from tests.protocols.cooperation.test_catalogue import _form_data

    client.force_login(staff)
    angine = national("angine")
    data = _form_data(
        angine,
        code="test-nouveau",
        short_name="Nouveau protocole",
        comment="Arrêté de test",
        **{TOKEN_FIELD: new_token()},
    )
    response = client.post(reverse("cooperation:protocol_create"), data)
    assert response.status_code == 302
    created = NationalProtocol.objects.get(code="test-nouveau")
    assert created.revisions.get().comment == "Arrêté de test"
    assert created.max_age_months == 600


def test_the_health_project_lists_the_declared_protocols(client, msp, coordinator):
    from structures.models import HealthProject

    HealthProject.objects.create(structure=msp)
    DeclarationFactory(structure=msp)
    DeclarationFactory(
        structure=msp,
        protocol=national("cheville"),
        status=DeclarationStatus.PREPARATION,
        declared_on=None,
        ds_number="",
    )
    client.force_login(coordinator)
    text = client.get(reverse("structures:health_project", args=[msp.pk])).content.decode()
    assert "Protocoles nationaux de coopération déclarés à l'ARS" in text
    assert "Lombalgie aiguë" in text and "déclaré le 15 janvier 2024, actif" in text
    assert "Entorse de la cheville" not in text
