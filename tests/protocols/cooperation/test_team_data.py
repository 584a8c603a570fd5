"""Issue 19, finding 16 and principle 5 (cooperation): every model of the
national cooperation protocols runs the team-data checks — a valid NIR in a
catalogue field, its version comment or a status comment is refused, a
possible name is confirmed, every date lies between 2000 and 2100."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.team_data import TeamDataChecks
from protocols.cooperation.models import CooperationDeclaration, NationalProtocol
from protocols.cooperation.models.declarations import DeclarationStatus, ParticipantRole
from tests.protocols.cooperation.factories import (
    DeclarationFactory,
    msp_with_aci,
    national,
    physiotherapist,
)
from tests.protocols.coordination.test_team_data import team_models

pytestmark = pytest.mark.django_db

NIR = "2 69 05 49 588 157 80"
NIR_MESSAGE = "numéro de sécurité sociale"
RANGE_MESSAGE = "Indiquez une date entre le 1er janvier 2000 et le 31 décembre 2100."


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture
def msp(coordinator):
    structure = msp_with_aci()
    structure.memberships.create(user=coordinator, role="coordinateur")
    return structure


@pytest.mark.parametrize("model", team_models("cooperation"), ids=lambda model: model.__name__)
def test_every_model_with_free_text_or_dates_runs_the_checks(model):
    assert issubclass(model, TeamDataChecks)


def _catalogue_data(protocol, **changes) -> dict:
    return {
        "short_name": protocol.short_name,
        "name": protocol.name,
        "delegant_profession": protocol.delegant_profession_id,
        "delegant_specialty": protocol.delegant_specialty,
        "delegate_professions": [p.pk for p in protocol.delegate_professions.all()],
        "min_age": "6",
        "min_age_unit": "ans",
        "max_age": "50",
        "max_age_unit": "ans",
        "sex": protocol.sex,
        "training_hours": "10",
        "inclusion_amount": "25",
        "inclusion_includes_revoyure": "on",
        "reevaluation_amount": "",
        "reevaluation_timing": "",
        "msp_since": "2020-09-10",
        "health_centre_since": "2020-09-10",
        "cpts_since": "2023-03-09",
        "reference_text": protocol.reference_text,
        "reference_date": "2023-08-17",
        "withdrawn_on": "",
        "comment": "",
    } | changes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", f"Angine de {NIR}", NIR_MESSAGE),
        ("reference_text", f"Arrêté ; dossier {NIR}", NIR_MESSAGE),
        ("comment", f"Demandé pour {NIR}", NIR_MESSAGE),
        ("withdrawn_on", "9999-12-31", RANGE_MESSAGE),
        ("training_hours", str(2**63 - 1), "Au plus 1000 heures de formation"),
    ],
)
def test_the_catalogue_refuses_identity_dates_and_counts_out_of_range(
    client, staff, field, value, message
):
    angine = national("angine")
    client.force_login(staff)
    url = reverse("cooperation:protocol_edit", args=[angine.pk])
    response = client.post(url, _catalogue_data(angine, **{field: value}))
    assert response.status_code == 200 and message in _text(response)
    angine.refresh_from_db()
    assert NIR not in angine.name and angine.withdrawn_on is None
    assert angine.revisions.count() == 1


def test_a_nir_in_a_status_comment_is_refused_a_name_is_confirmed(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp, status=DeclarationStatus.DECLARED)
    client.force_login(coordinator)
    url = reverse("cooperation:status", args=[declaration.pk])
    data = {
        "status-status": DeclarationStatus.ACTIVE,
        "status-date": timezone.localdate().isoformat(),
        "status-comment": f"Premier patient : {NIR}",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and NIR_MESSAGE in _text(response)
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DECLARED
    data["status-comment"] = "Accord de Mme Le Goff, infirmière"
    html = _text(client.post(url, data))
    assert 'type="checkbox" name="status-confirm_names"' in html
    assert client.post(url, data | {"status-confirm_names": "on"}).status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.ACTIVE
    assert declaration.events.get(status="actif").comment == data["status-comment"]


def test_the_service_refuses_a_nir_in_a_status_comment(msp, coordinator):
    declaration = DeclarationFactory(structure=msp, status=DeclarationStatus.DECLARED)
    with pytest.raises(Exception, match="sécurité sociale"):
        declaration.change_status(DeclarationStatus.ACTIVE, by=coordinator, comment=NIR)
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DECLARED and not declaration.events.exists()


def test_status_and_declaration_dates_out_of_range_are_refused(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp, status=DeclarationStatus.DECLARED)
    client.force_login(coordinator)
    response = client.post(
        reverse("cooperation:status", args=[declaration.pk]),
        {"status-status": DeclarationStatus.ACTIVE, "status-date": "1900-01-01"},
    )
    assert response.status_code == 400 and RANGE_MESSAGE in _text(response)
    response = client.post(
        reverse("cooperation:declare", args=[msp.pk]),
        {
            "protocol": national("angine").pk,
            "declared_on": "1900-02-03",
            "ds_number": "12345678",
            TOKEN_FIELD: new_token(),
        },
    )
    assert RANGE_MESSAGE in _text(response)
    assert CooperationDeclaration.objects.count() == 1
    with pytest.raises(Exception, match="2100"):
        declaration.change_status(
            DeclarationStatus.ACTIVE, by=coordinator, date=datetime.date(1, 1, 1)
        )


def test_a_training_date_out_of_range_is_refused(client, msp, coordinator):
    declaration = DeclarationFactory(structure=msp, status=DeclarationStatus.PREPARATION)
    kine = physiotherapist(msp)
    client.force_login(coordinator)
    response = client.post(
        reverse("cooperation:participant_add", args=[declaration.pk]),
        {
            "user": kine.pk,
            "role": ParticipantRole.DELEGATE,
            "training_date": "1899-05-01",
            "training_hours": "10",
            TOKEN_FIELD: new_token(),
        },
    )
    assert RANGE_MESSAGE in _text(response)
    assert not declaration.participants.exists()


def test_the_catalogue_model_refuses_a_nir_as_restores_do(staff):
    angine = NationalProtocol.objects.get(code="angine")
    angine.name = f"Angine {NIR}"
    with pytest.raises(Exception, match="sécurité sociale"):
        angine.full_clean()
