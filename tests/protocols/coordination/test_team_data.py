"""Issue 19, findings 16 and 8 (protocol part): every model of the
coordination protocols runs the team-data checks — no patient identity in any
free text (the title and the version comment included), every date between
2000 and 2100 — and their forms ask to confirm a possible name."""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.revisions import Revision
from gecolib.team_data import TeamDataChecks, is_free_text
from protocols.coordination.enums import ProtocolStatus, ProtocolTheme
from protocols.coordination.models import Protocol
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db

NIR = "1 85 05 78 006 084 91"  # a valid key
NIR_MESSAGE = "numéro de sécurité sociale"
RANGE_MESSAGE = "Indiquez une date entre le 1er janvier 2000 et le 31 décembre 2100."


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _create_data(**extra) -> dict:
    return {
        "title": "Suivi des AVK",
        "theme": ProtocolTheme.ANTICOAGULANTS,
        "problem": "Des INR mal suivis après une sortie d'hospitalisation.",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-who": "Médecin",
        "steps-0-what": "Prescrit et fixe la cible",
        "steps-0-ORDER": "1",
        TOKEN_FIELD: new_token(),
        **extra,
    }


def _edit_data(protocol, **extra) -> dict:
    step = protocol.steps.get()
    return {
        "title": protocol.title,
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": "1",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(step.pk),
        "steps-0-who": step.who,
        "steps-0-what": step.what,
        "steps-0-ORDER": "1",
        **extra,
    }


def team_models(app_label: str) -> list:
    """The models of an app that hold free text or dates typed by people
    (the revisions are written by the code: their comment is checked by the
    forms, below)."""
    return [
        model
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, Revision)
        and any(
            is_free_text(field) or isinstance(field, models.DateField)
            for field in model._meta.concrete_fields
        )
    ]


@pytest.mark.parametrize("model", team_models("protocols"), ids=lambda model: model.__name__)
def test_every_model_with_free_text_or_dates_runs_the_checks(model):
    assert issubclass(model, TeamDataChecks)


def test_a_valid_nir_in_the_title_is_refused(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    response = client_for(coordinator).post(url, _create_data(title=f"Suivi de {NIR}"))
    assert response.status_code == 200
    assert NIR_MESSAGE in _text(response)
    assert not Protocol.objects.exists()


def test_a_valid_nir_in_the_version_comment_is_refused(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    protocol.save_revision(by=coordinator, comment="Création")
    url = reverse("protocols:protocol_edit", args=[protocol.pk])
    response = client_for(coordinator).post(
        url, _edit_data(protocol, title="Chutes à domicile", comment=f"Vu pour {NIR}")
    )
    assert response.status_code == 200 and NIR_MESSAGE in _text(response)
    protocol.refresh_from_db()
    assert protocol.title == "Chutes" and protocol.revisions.count() == 1


def test_a_possible_name_is_accepted_once_confirmed(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    client = client_for(coordinator)
    data = _create_data(problem="Les chutes de Mme Le Goff et de ses voisines.")
    response = client.post(url, data)
    html = _text(response)
    assert "Je confirme qu'aucun patient n'est nommé" in html
    assert 'type="checkbox" name="confirm_names"' in html
    assert not Protocol.objects.exists()
    response = client.post(url, {**data, "confirm_names": "on", TOKEN_FIELD: new_token()})
    assert response.status_code == 302
    assert Protocol.objects.get().problem.startswith("Les chutes de Mme Le Goff")


def test_a_possible_name_in_a_step_shows_the_box_in_its_row(client_for, coordinator, structure):
    url = reverse("protocols:protocol_create", args=[structure.pk])
    client = client_for(coordinator)
    data = _create_data(**{"steps-0-what": "Appeler M. Kervella le lundi"})
    html = _text(client.post(url, data))
    assert 'type="checkbox" name="steps-0-confirm_names"' in html
    assert not Protocol.objects.exists()
    data.update({"steps-0-confirm_names": "on", TOKEN_FIELD: new_token()})
    assert client.post(url, data).status_code == 302
    assert Protocol.objects.get().steps.get().what == "Appeler M. Kervella le lundi"


@pytest.mark.parametrize(
    ("field", "value"),
    [("date", "9999-12-31"), ("review_date", "9999-12-31"), ("date", "1900-01-01")],
)
def test_validation_dates_out_of_range_are_refused(
    client_for, coordinator, structure, field, value
):
    protocol = protocol_with_steps(1, structure=structure)
    data = {"date": timezone.localdate().isoformat(), "agreed_by": [coordinator.pk], field: value}
    response = client_for(coordinator).post(
        reverse("protocols:protocol_validate", args=[protocol.pk]), data
    )
    assert response.status_code == 200 and RANGE_MESSAGE in _text(response)
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN and protocol.review_date is None


def test_the_model_refuses_a_review_out_of_range(structure, coordinator):
    protocol = protocol_with_steps(1, structure=structure)
    with pytest.raises(Exception, match="2100"):
        protocol.validate(
            by=coordinator,
            date=timezone.localdate(),
            agreed_by=[coordinator],
            review_date=datetime.date(9999, 12, 31),
        )


def test_a_design_meeting_out_of_range_is_refused(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure)
    data = {
        "meetings-TOTAL_FORMS": "1",
        "meetings-INITIAL_FORMS": "0",
        "meetings-0-date": "1900-01-10",
        "meetings-0-duration_minutes": "90",
    }
    response = client_for(coordinator).post(
        reverse("protocols:protocol_meetings", args=[protocol.pk]), data
    )
    assert RANGE_MESSAGE in _text(response)
    assert not protocol.meetings.exists()


def test_indicator_values_refuse_a_nir_and_a_second_value_on_the_same_date(
    client_for, coordinator, structure
):
    protocol = protocol_with_steps(1, structure=structure)
    indicator = IndicatorFactory(protocol=protocol)
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=4)
    url = reverse("protocols:protocol_indicator_value", args=[protocol.pk, indicator.pk])
    client = client_for(coordinator)
    prefix = f"v{indicator.pk}"
    response = client.post(
        url, {f"{prefix}-date": "2025-02-01", f"{prefix}-value": "5", f"{prefix}-comment": NIR}
    )
    assert response.status_code == 200 and NIR_MESSAGE in _text(response)
    # Issue 20, fault 1: a second value on the same date was a 500 (IntegrityError).
    response = client.post(url, {f"{prefix}-date": "2025-01-01", f"{prefix}-value": "6"})
    assert response.status_code == 200
    assert "Une valeur est déjà saisie à cette date" in _text(response)
    assert list(indicator.values.values_list("value", flat=True)) == [4]


def test_an_indicator_with_a_nir_is_refused(client_for, coordinator, structure):
    protocol = protocol_with_steps(1, structure=structure)
    data = {
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": f"Suivi de {NIR}",
        "indicators-0-ORDER": "1",
    }
    response = client_for(coordinator).post(
        reverse("protocols:protocol_indicators", args=[protocol.pk]), data
    )
    assert NIR_MESSAGE in _text(response)
    assert not protocol.indicators.exists()
