"""Issue 20, fault 1 (second part): the dated values of an indicator could be
neither corrected nor deleted. Now a table of them corrects dates, values
and comments and deletes values (after a confirmation); one value per date
stays a French error, never a 500; the state before is kept as a version of
the protocol, which restores a deleted or corrected value."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.coordination.enums import ProtocolStatus
from protocols.coordination.forms.protocols import BaseIndicatorValueFormSet
from protocols.coordination.models import IndicatorValue
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db

NIR = "1 85 05 78 006 084 91"  # a valid key


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def _url(indicator) -> str:
    return reverse(
        "protocols:protocol_indicator_values", args=[indicator.protocol_id, indicator.pk]
    )


def _table(values, *, delete=(), **changes) -> dict:
    """The table as the page sends it; `changes` like `1_date="2025-05-01"`
    (row 1's date)."""
    data = {
        "values-TOTAL_FORMS": str(len(values)),
        "values-INITIAL_FORMS": str(len(values)),
        TOKEN_FIELD: new_token(),
    }
    for index, value in enumerate(values):
        data |= {
            f"values-{index}-id": str(value.pk),
            f"values-{index}-date": value.date.isoformat(),
            f"values-{index}-value": str(value.value),
            f"values-{index}-comment": value.comment,
        }
        if value in delete:
            data[f"values-{index}-DELETE"] = "on"
    for key, change in changes.items():
        index, field = key.split("_", 1)
        data[f"values-{index}-{field}"] = change
    return data


def _state(indicator) -> list[tuple]:
    return [(v.date.isoformat(), str(v.value), v.comment) for v in indicator.values.all()]


@pytest.fixture
def indicator(structure, coordinator):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    indicator = IndicatorFactory(protocol=protocol, name="Patients inclus")
    for month, value in ((1, 4), (4, 7), (7, 9)):
        IndicatorValueFactory(
            indicator=indicator,
            date=datetime.date(2025, month, 1),
            value=value,
            comment="réunion d'équipe" if month == 4 else "",
        )
    protocol.save_revision(by=coordinator, comment="Création")
    return indicator


BEFORE = [
    ("2025-01-01", "4.00", ""),
    ("2025-04-01", "7.00", "réunion d'équipe"),
    ("2025-07-01", "9.00", ""),
]


def test_the_protocol_page_links_to_the_table_for_editors_only(
    client_for, coordinator, member, indicator
):
    page = reverse("protocols:protocol_detail", args=[indicator.protocol_id])
    assert _url(indicator) in _text(client_for(coordinator).get(page))
    assert "Corriger ou supprimer des valeurs" in _text(client_for(coordinator).get(page))
    assert _url(indicator) not in _text(client_for(member).get(page))


def test_the_table_lists_the_values_by_date_each_input_named(client_for, coordinator, indicator):
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2024, 12, 1), value=2)
    response = client_for(coordinator).get(_url(indicator))
    html = _text(response)
    assert response.status_code == 200
    assert "<caption>Valeurs datées de « Patients inclus »" in html
    assert html.index('value="2024-12-01"') < html.index('value="2025-01-01"')
    assert '<label class="visually-hidden" for="id_values-0-date">Date, ligne du 1' in html
    assert 'for="id_values-3-comment">Commentaire, ligne du 1' in html
    assert 'name="submission_token"' in html
    assert "table-responsive" in html


def test_a_value_is_corrected_and_the_state_before_kept(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    client = client_for(coordinator)
    data = _table(values, **{"1_value": "8", "1_comment": "recompté", "2_date": "2025-08-01"})
    response = client.post(_url(indicator), data)
    page = reverse("protocols:protocol_detail", args=[indicator.protocol_id])
    assert response.status_code == 302
    assert response["Location"] == f"{page}#indicateur-{indicator.pk}"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Les valeurs de « Patients inclus » sont corrigées. L'état d'avant reste dans les "
        "versions du protocole."
    ]
    assert _state(indicator) == [
        ("2025-01-01", "4.00", ""),
        ("2025-04-01", "8.00", "recompté"),
        ("2025-08-01", "9.00", ""),
    ]
    protocol = indicator.protocol
    # The latest version held the state before: no second copy of it.
    assert protocol.revisions.count() == 2
    after, before = protocol.revisions.order_by("-number")[:2]
    assert before.comment == "Création"
    assert [(v["date"], v["value"]) for v in before.content["indicators"][0]["values"]] == [
        ("2025-01-01", "4.00"),
        ("2025-04-01", "7.00"),
        ("2025-07-01", "9.00"),
    ]
    assert after.comment == "Valeurs de « Patients inclus » corrigées"
    # Restoring the version before brings the old value back (a value moved to
    # another date is kept at both: nothing is lost).
    restore = reverse("protocols:protocol_restore", args=[protocol.pk, before.number])
    assert client.post(restore, {TOKEN_FIELD: new_token()}).status_code == 302
    assert _state(indicator) == [*BEFORE, ("2025-08-01", "9.00", "")]


def test_two_rows_can_swap_their_dates(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    data = _table(values, **{"0_date": "2025-04-01", "1_date": "2025-01-01"})
    assert client_for(coordinator).post(_url(indicator), data).status_code == 302
    assert _state(indicator) == [
        ("2025-01-01", "7.00", "réunion d'équipe"),
        ("2025-04-01", "4.00", ""),
        ("2025-07-01", "9.00", ""),
    ]


def test_a_deletion_is_confirmed_first(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    data = _table(values, delete=[values[1]], **{"0_value": "5"})
    response = client_for(coordinator).post(_url(indicator), data)
    html = _text(response)
    assert response.status_code == 200
    assert "Supprimer une valeur de « Patients inclus » ?" in html
    assert "La valeur du 1er avril 2025 : 7 (réunion d'équipe)" in html
    assert "gardé comme une version du protocole" in html
    # The confirmation sends the same table again, confirmed.
    assert f'name="values-1-id" value="{values[1].pk}"' in html
    assert 'name="values-1-DELETE" value="on"' in html
    assert 'name="confirmer_suppression" value="1"' in html
    assert _state(indicator) == BEFORE


def test_a_confirmed_deletion_is_kept_in_the_versions_and_restored(
    client_for, coordinator, indicator
):
    # A value entered after the latest version (values make no version of their own).
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 10, 1), value=12)
    values = list(indicator.values.all())
    client = client_for(coordinator)
    data = _table(values, delete=[values[1], values[3]]) | {"confirmer_suppression": "1"}
    response = client.post(_url(indicator), data, follow=True)
    assert "2 valeurs supprimées. L'état d'avant reste dans les versions" in _text(response)
    assert _state(indicator) == [BEFORE[0], BEFORE[2]]

    protocol = indicator.protocol
    after, before = protocol.revisions.order_by("-number")[:2]
    assert before.comment == "Avant la suppression de 2 valeurs de « Patients inclus »"
    assert len(before.content["indicators"][0]["values"]) == 4
    assert after.comment == "2 valeurs de « Patients inclus » supprimées"
    assert len(after.content["indicators"][0]["values"]) == 2
    restore = reverse("protocols:protocol_restore", args=[protocol.pk, before.number])
    assert client.post(restore, {TOKEN_FIELD: new_token()}).status_code == 302
    assert _state(indicator) == [*BEFORE, ("2025-10-01", "12.00", "")]


def test_two_rows_on_the_same_date_are_a_french_error(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    data = _table(values, **{"2_date": "2025-04-01", "2_value": "12"})
    response = client_for(coordinator).post(_url(indicator), data)
    html = _text(response)
    assert response.status_code == 200
    assert html.count("Deux lignes portent cette date : une seule valeur par date.") == 2
    assert "Le tableau contient des erreurs" in html
    assert _state(indicator) == BEFORE
    assert indicator.protocol.revisions.count() == 1


def test_a_row_on_the_date_of_a_deleted_row_is_accepted(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    data = _table(values, delete=[values[1]], **{"2_date": "2025-04-01"}) | {
        "confirmer_suppression": "1"
    }
    assert client_for(coordinator).post(_url(indicator), data).status_code == 302
    assert _state(indicator) == [BEFORE[0], ("2025-04-01", "9.00", "")]


def test_a_future_date_is_refused(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client_for(coordinator).post(_url(indicator), _table(values, **{"0_date": future}))
    assert response.status_code == 200
    assert "Une valeur ne peut pas être datée dans le futur." in _text(response)
    assert _state(indicator) == BEFORE


def test_a_value_entered_since_the_page_was_opened_keeps_its_date(
    client_for, coordinator, indicator
):
    values = list(indicator.values.all())
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 10, 1), value=12)
    data = _table(values, **{"2_date": "2025-10-01"})
    response = client_for(coordinator).post(_url(indicator), data)
    assert response.status_code == 200
    assert "Une valeur est déjà saisie à cette date : choisissez une autre date." in _text(response)
    assert _state(indicator) == [*BEFORE, ("2025-10-01", "12.00", "")]


def test_a_unique_constraint_error_at_save_is_a_form_error(
    client_for, coordinator, indicator, monkeypatch
):
    """Two saves at once: the check passed, the database refuses."""
    values = list(indicator.values.all())
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 10, 1), value=12)
    monkeypatch.setattr(BaseIndicatorValueFormSet, "dates_taken_outside", lambda *args: [])
    data = _table(values, **{"0_value": "5", "2_date": "2025-10-01"})
    response = client_for(coordinator).post(_url(indicator), data)
    assert response.status_code == 200
    assert "Une valeur vient d'être saisie à l'une de ces dates" in _text(response)
    assert _state(indicator) == [*BEFORE, ("2025-10-01", "12.00", "")]
    assert indicator.protocol.revisions.count() == 1


def test_a_comment_is_checked_for_patient_identity(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    client = client_for(coordinator)
    response = client.post(_url(indicator), _table(values, **{"0_comment": f"Vu {NIR}"}))
    assert response.status_code == 200 and "numéro de sécurité sociale" in _text(response)
    data = _table(values, **{"0_comment": "Chiffres de Mme Le Goff"})
    html = _text(client.post(_url(indicator), data))
    assert 'type="checkbox" name="values-0-confirm_names"' in html
    assert _state(indicator) == BEFORE
    data |= {"values-0-confirm_names": "on"}
    assert client.post(_url(indicator), data).status_code == 302
    assert indicator.values.first().comment == "Chiffres de Mme Le Goff"


def test_a_double_submission_saves_once(client_for, coordinator, indicator):
    values = list(indicator.values.all())
    client = client_for(coordinator)
    data = _table(values, **{"0_value": "5"})
    assert client.post(_url(indicator), data).status_code == 302
    revisions = indicator.protocol.revisions.count()
    again = client.post(_url(indicator), data)
    assert again.status_code == 302
    assert "rien n'a été enregistré une seconde fois" in str(list(get_messages(again.wsgi_request)))
    assert indicator.protocol.revisions.count() == revisions


def test_a_confirmed_deletion_sent_twice_deletes_once_without_error(
    client_for, coordinator, indicator
):
    values = list(indicator.values.all())
    client = client_for(coordinator)
    data = _table(values, delete=[values[0]]) | {"confirmer_suppression": "1"}
    first = client.post(_url(indicator), data)
    again = client.post(_url(indicator), data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert _state(indicator) == BEFORE[1:]


def test_only_editors_reach_the_table(client_for, member, other_member, indicator):
    # A member reads the protocol but may not edit it; another team does not see it.
    assert client_for(member).get(_url(indicator)).status_code == 403
    assert client_for(other_member).get(_url(indicator)).status_code == 404
    values = list(indicator.values.all())
    response = client_for(other_member).post(_url(indicator), _table(values, delete=values))
    assert response.status_code == 404
    assert IndicatorValue.objects.count() == 3


def test_an_indicator_of_another_protocol_is_not_found(client_for, coordinator, indicator):
    other = IndicatorFactory(
        protocol=protocol_with_steps(1, structure=indicator.protocol.structure)
    )
    url = reverse("protocols:protocol_indicator_values", args=[indicator.protocol_id, other.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_an_archived_protocol_is_refused(client_for, coordinator, indicator):
    protocol = indicator.protocol
    protocol.status = ProtocolStatus.ARCHIVED
    protocol.save()
    response = client_for(coordinator).post(_url(indicator), _table(list(indicator.values.all())))
    assert response.status_code == 302
    assert response["Location"] == reverse("protocols:protocol_detail", args=[protocol.pk])
