"""Issue: one declaration form with the team in it — délégants and délégués
as rows, a délégué's training date and hours — and a declaration date with a
démarches-simplifiées number make the protocol « déclaré ». A refused row
creates nothing."""

import datetime

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.cooperation.models import CooperationDeclaration, Participant
from protocols.cooperation.models.declarations import (
    DeclarationStatus,
    EventKind,
    ParticipantRole,
)
from tests.factories import MembershipFactory, profession
from tests.protocols.cooperation.factories import (
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


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _post(client, msp, rows, **data):
    payload = {
        "protocol": national("lombalgie").pk,
        "declared_on": "",
        "ds_number": "",
        TOKEN_FIELD: new_token(),
        "equipe-TOTAL_FORMS": "4",
        "equipe-INITIAL_FORMS": "0",
    } | data
    for index, row in enumerate(rows):
        for name, value in row.items():
            payload[f"equipe-{index}-{name}"] = str(value)
    return client.post(reverse("cooperation:declare", args=[msp.pk]), payload)


def _team(msp, hours=10):
    doctor, kine = gp(msp), physiotherapist(msp)
    rows = [
        {"user": doctor.pk, "role": ParticipantRole.DELEGANT},
        {
            "user": kine.pk,
            "role": ParticipantRole.DELEGATE,
            "training_date": "2024-05-02",
            "training_hours": hours,
        },
    ]
    return doctor, kine, rows


def test_the_form_offers_the_team_as_rows(client, coordinator, msp):
    doctor = gp(msp)
    client.force_login(coordinator)
    html = _text(client.get(reverse("cooperation:declare", args=[msp.pk])))
    assert "Équipe déclarée" in html
    for name in ("user", "role", "training_date", "training_hours"):
        assert f'name="equipe-0-{name}"' in html and f'name="equipe-3-{name}"' in html
    assert f"{doctor.display_name} – médecin généraliste" in html
    assert "Membre, ligne 1" in html


def test_a_date_and_a_number_declare_the_protocol_with_its_team(client, coordinator, msp):
    doctor, kine, rows = _team(msp)
    client.force_login(coordinator)
    response = _post(client, msp, rows, declared_on="2025-02-03", ds_number="12 345 678")
    assert response.status_code == 302
    declaration = CooperationDeclaration.objects.get()
    assert declaration.status == DeclarationStatus.DECLARED
    assert (declaration.declared_on, declaration.ds_number) == (
        datetime.date(2025, 2, 3),
        "12345678",
    )
    team = {p.user: p for p in declaration.participants.all()}
    assert team[doctor].role == ParticipantRole.DELEGANT and team[doctor].training_hours is None
    assert team[kine].role == ParticipantRole.DELEGATE
    assert (team[kine].training_date, team[kine].training_hours) == (datetime.date(2024, 5, 2), 10)
    status = declaration.events.get(kind=EventKind.STATUS)
    assert (status.status, status.date, status.by) == (
        DeclarationStatus.DECLARED,
        datetime.date(2025, 2, 3),
        coordinator,
    )
    assert declaration.events.filter(kind=EventKind.TEAM).count() == 2
    assert not declaration.new_declaration_needed  # the team came with the declaration
    page = _text(client.get(response["Location"]))
    assert "Protocole « Lombalgie aiguë » déclaré à l'ARS le 3 février 2025" in page


def test_without_a_date_the_protocol_stays_in_preparation_with_its_team(client, coordinator, msp):
    _doctor, _kine, rows = _team(msp)
    client.force_login(coordinator)
    assert _post(client, msp, rows).status_code == 302
    declaration = CooperationDeclaration.objects.get()
    assert declaration.status == DeclarationStatus.PREPARATION
    assert declaration.participants.count() == 2


def test_a_declared_protocol_needs_a_delegant_and_a_delegate(client, coordinator, msp):
    doctor = gp(msp)
    client.force_login(coordinator)
    rows = [{"user": doctor.pk, "role": ParticipantRole.DELEGANT}]
    response = _post(client, msp, rows, declared_on="2025-02-03", ds_number="12345678")
    assert response.status_code == 200
    assert "indiquez dans l'équipe au moins un délégant et un délégué" in _text(response)
    assert not CooperationDeclaration.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"training_hours": 6},
            "(6 h) est inférieure aux 10 heures exigées par le protocole « Lombalgie aiguë »",
        ),
        ({"training_date": ""}, "Indiquez la date et la durée de la formation"),
        ({"role": ""}, "Choisissez le rôle : délégant ou délégué."),
    ],
)
def test_a_refused_row_says_why_on_its_row_and_creates_nothing(
    client, coordinator, msp, row, message
):
    _doctor, _kine, rows = _team(msp)
    rows[1] |= row
    client.force_login(coordinator)
    response = _post(client, msp, rows, declared_on="2025-02-03", ds_number="12345678")
    assert response.status_code == 200
    html = _text(response)
    assert message in html
    assert '<a href="#id_equipe-1-' in html  # the summary leads to the row
    assert not CooperationDeclaration.objects.exists()
    assert not Participant.objects.exists()


def test_the_wrong_profession_and_a_member_twice_are_refused(client, coordinator, msp):
    nurse = MembershipFactory(structure=msp, user__profession=profession("60")).user
    doctor = gp(msp)
    client.force_login(coordinator)
    rows = [
        {"user": doctor.pk, "role": ParticipantRole.DELEGANT},
        {"user": nurse.pk, "role": ParticipantRole.DELEGATE, "training_date": "2024-05-02"}
        | {"training_hours": 10},
        {"user": doctor.pk, "role": ParticipantRole.DELEGANT},
    ]
    response = _post(client, msp, rows)
    html = _text(response)
    assert f"{nurse.display_name} ne peut pas être délégué" not in html  # rows checked first
    assert f"{doctor.display_name} figure déjà sur une autre ligne de l'équipe." in html
    rows.pop()
    response = _post(client, msp, rows)
    assert f"{nurse.display_name} ne peut pas être délégué" in _text(response)
    assert not CooperationDeclaration.objects.exists()


def test_a_row_without_member_is_refused(client, coordinator, msp):
    client.force_login(coordinator)
    response = _post(client, msp, [{"role": ParticipantRole.DELEGANT}])
    assert "Choisissez le membre de cette ligne, ou videz-la." in _text(response)
    assert not CooperationDeclaration.objects.exists()


def test_recording_the_date_and_number_later_declares_the_protocol(client, coordinator, msp):
    declaration = DeclarationFactory(
        structure=msp, status=DeclarationStatus.PREPARATION, declared_on=None, ds_number=""
    )
    client.force_login(coordinator)
    url = reverse("cooperation:declaration_edit", args=[declaration.pk])
    data = {"declared_on": "2025-02-03", "ds_number": "12345678"}
    # Without its team, it may not be declared: nothing changes.
    response = client.post(url, data)
    assert response.status_code == 200
    assert "renseignez : au moins un délégant, au moins un délégué" in _text(response)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.declared_on) == (DeclarationStatus.PREPARATION, None)
    declaration.add_participant(gp(msp), ParticipantRole.DELEGANT, by=coordinator)
    declaration.add_participant(
        physiotherapist(msp),
        ParticipantRole.DELEGATE,
        by=coordinator,
        training_date=datetime.date(2024, 1, 1),
        training_hours=10,
    )
    assert client.post(url, data).status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DECLARED
    assert declaration.events.filter(kind=EventKind.STATUS, status="declare").exists()
