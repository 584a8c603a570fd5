"""Cases, minutes and decisions stay anonymous: text that identifies a patient
(NIR, date of birth, phone, e-mail) is refused with a message that says why."""

import pytest
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.patient_identity import find_identity_markers
from protocols.rcp.enums import ItemKind
from protocols.rcp.models import AgendaItem
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

# A NIR with a valid key (97 - 1841276451089 mod 97 = 46).
NIR = "184127645108946"
NIR_SPACED = "1 84 12 76 451 089 46"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"Patient {NIR} vu en consultation", "nir"),
        (f"NIR : {NIR_SPACED}", "nir"),
        ("Patiente née le 12/03/1942, vit seule", "birth_date"),
        ("DDN : 3 mars 1942", "birth_date"),
        ("Joindre la fille au 06 12 34 56 78", "phone"),
        ("Tél. +33 6 12 34 56 78", "phone"),
        ("Écrire à marie.dupont@exemple.fr", "email"),
    ],
)
def test_identifying_text_is_found(text, kind):
    assert kind in [marker.kind for marker in find_identity_markers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "CAS-2026-014 : patiente de 80 ans, chutes répétées",
        "Revue à la RCP du 12/03/2026, durée 45 minutes",
        "Homme de 67 ans, insuffisance cardiaque, 3 hospitalisations en 2025",
    ],
)
def test_no_false_alarm(text):
    assert find_identity_markers(text) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text", "why"),
    [
        ("description", f"Patient {NIR_SPACED}", "un numéro de sécurité sociale"),
        ("title", "Mme X née le 12/03/1942", "une date de naissance"),
        ("description", "Rappeler au 02 96 12 34 56", "un numéro de téléphone"),
    ],
)
def test_a_case_with_identity_is_refused_and_nothing_is_saved(
    client, structure, coordinator, field, text, why
):
    meeting = MeetingFactory(structure=structure)
    client.force_login(coordinator)
    data = {
        "kind": ItemKind.CASE,
        "title": "Patiente de 80 ans",
        "planned_minutes": 20,
        "order": 1,
        "description": "",
        TOKEN_FIELD: new_token(),
    }
    data[field] = text
    response = client.post(reverse("rcp:item_create", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert why in response.content.decode()
    assert "aucune donnée permettant d&#x27;identifier un patient" in response.content.decode()
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db
def test_minutes_with_an_email_are_refused(client, structure, coordinator):
    item = AgendaItemFactory(meeting=MeetingFactory(structure=structure, past=True))
    client.force_login(coordinator)
    response = client.post(
        reverse("rcp:minutes_edit", args=[item.meeting.pk]),
        {
            "minutes_text": "",
            f"summary_{item.pk}": "Contacter jean.martin@exemple.fr",
            "base_version": 0,
        },
    )
    assert response.status_code == 200
    assert "une adresse e-mail" in response.content.decode()
    item.refresh_from_db()
    assert item.summary == ""


@pytest.mark.django_db
def test_a_decision_with_a_nir_is_refused(client, structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    client.force_login(coordinator)
    response = client.post(
        reverse("rcp:decision_create", args=[meeting.pk]),
        {
            "text": f"Déclarer le patient {NIR}",
            "owner": member.pk,
            "due_date": "2099-01-01",
            TOKEN_FIELD: new_token(),
        },
    )
    assert response.status_code == 200
    assert "un numéro de sécurité sociale" in response.content.decode()
    assert not meeting.decisions.exists()
