"""Patient identifiers refused (issue 8, finding 13; issue 19, finding 4): a
social security number (NIR) — with a right key or without a key, however it
is written —, a date of birth or a hospital patient number is refused in every
free-text field, with a French message saying why, and nothing is saved;
phone numbers, case references, SIRET/RPPS numbers and dates go through. The
stronger check for RCP cases refuses phone numbers and e-mail addresses too.
The full corpus is in test_identity_corpus.py."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from stdnum.fr import nir

from facilitations.models import (
    FacilitationRequest,
    FollowUpAction,
    RequestMessage,
    Session,
)
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import Charter
from gecolib.validators import (
    find_identity_markers,
    find_nirs,
    validate_no_identity_markers,
    validate_no_patient_identifier,
)
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject
from tests.facilitations.factories import FacilitationRequestFactory, SessionFactory
from tests.facilitations.test_log import _session_data
from tests.facilitations.test_requests import _data as _request_data

# The number of the issue, « 1 85 05 78 006 084 36 », has a wrong key (the
# right one is 91): it is not a NIR, so it is not refused.
ISSUE_NUMBER = "1 85 05 78 006 084 36"
NIR = "1 85 05 78 006 084 91"
MESSAGE = (
    "Ce texte semble contenir un numéro de sécurité sociale (NIR) : aucune donnée "
    "permettant d'identifier un patient ne doit être enregistrée."
)
HARMLESS = [
    "CAS-2026-014",
    "06 12 34 56 78",
    "02 96 12 34 56",
    "+33 6 12 34 56 78",
    "SIRET 732 829 320 00074",
    "RPPS 10003456789",
    "FINESS 220000020",
    "Réunion le 12/03/2026 à 20 h",
    "80 ans",
    ISSUE_NUMBER,
]


def test_the_examples_keys():
    assert not nir.is_valid(ISSUE_NUMBER)
    assert nir.is_valid(NIR)


@pytest.mark.parametrize(
    "text",
    [
        NIR,
        "185057800608491",
        "1.85.05.78.006.084.91",
        "1-85-05-78-006-084-91",
        NIR.replace(" ", "\u00a0"),  # no-break spaces
        f"Patient {NIR}, vu hier.",
        "Mme X, 2 53 07 2A 073 004 43",  # Corsica, 2A
        "253072B07300470",  # Corsica, 2B
        "7 85 05 78 006 084 82",  # temporary number (7)
        f"{ISSUE_NUMBER} puis {NIR}",
    ],
)
def test_nir_is_found(text):
    assert len(find_nirs(text)) == 1
    with pytest.raises(ValidationError) as error:
        validate_no_patient_identifier(text)
    assert error.value.messages == [MESSAGE]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_numbers_are_accepted(text):
    assert find_nirs(text) == []
    validate_no_patient_identifier(text)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("NIR 1 85 05 78 006 084, sans la clé", "un numéro de sécurité sociale (NIR)"),
        ("NIR １８５０５７８００６０８４９１", "un numéro de sécurité sociale (NIR)"),
        ("NIR 1/85/05/78/006/084/91", "un numéro de sécurité sociale (NIR)"),
        ("NIR 1  85\t05 78 006 084 91", "un numéro de sécurité sociale (NIR)"),
        ("Patiente née le 12/03/1948", "une date de naissance"),
        ("Mme X, naiss. 12.03.48", "une date de naissance"),
        ("IPP 12345678", "un numéro de patient (IPP)"),
        (
            "NIR 1850578006084, né(e) le 1er mars 1948",
            "un numéro de sécurité sociale (NIR), une date de naissance",
        ),
    ],
)
def test_patient_identifiers_are_refused_however_written(text, what):
    with pytest.raises(ValidationError) as error:
        validate_no_patient_identifier(text)
    assert error.value.messages == [
        f"Ce texte semble contenir {what} : aucune donnée permettant d'identifier un "
        "patient ne doit être enregistrée."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Appelez-moi au 06 12 34 56 78 ou au +33 2 98 12 34 56.",
        "Écrire à coordination@cpts-exemple.fr",
        "Mme Le Goff, coordinatrice de la MSP, animera la séance.",
    ],
)
def test_professionals_contact_details_are_not_patient_identifiers(text):
    validate_no_patient_identifier(text)


def test_a_name_is_not_refused_where_no_confirmation_can_be_asked():
    assert [m.kind for m in find_identity_markers("Mme Le Goff présente le cas")] == ["name"]
    validate_no_identity_markers("Mme Le Goff présente le cas")


def test_a_huge_text_is_checked_quickly():
    validate_no_patient_identifier("1 2 3 4 5 6 7 8 9 " * 20_000)


# ------------------------------------------------------------ the seven forms


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_request_form_refuses_a_nir(client_for, professional):
    response = client_for(professional).post(
        reverse("facilitations:request_create"),
        _request_data(description=f"Un patient, {NIR}, attend une réponse."),
    )
    assert response.status_code == 200
    assert MESSAGE in page_text(response)
    assert not FacilitationRequest.objects.exists()


def test_request_form_accepts_phone_numbers_and_references(client_for, professional):
    response = client_for(professional).post(
        reverse("facilitations:request_create"),
        _request_data(
            description="Dossier CAS-2026-014, rappelez le 06 12 34 56 78 ou le 02 96 12 34 56.",
            availability=f"Le jeudi soir ({ISSUE_NUMBER})",
        ),
    )
    assert response.status_code == 302
    assert FacilitationRequest.objects.count() == 1


def test_message_form_refuses_a_nir(client_for, professional):
    req = FacilitationRequestFactory(requester=professional)
    response = client_for(professional).post(
        reverse("facilitations:request_message", args=[req.pk]),
        {"body": f"Son numéro : {NIR}", TOKEN_FIELD: new_token()},
        follow=True,
    )
    assert MESSAGE in page_text(response)
    assert not RequestMessage.objects.exists()

    response = client_for(professional).post(
        reverse("facilitations:request_message", args=[req.pk]),
        {"body": "Appelez-moi au 06 12 34 56 78 (CAS-2026-014).", TOKEN_FIELD: new_token()},
    )
    assert RequestMessage.objects.count() == 1


@pytest.mark.parametrize("field", ["shared_summary", "private_notes", "next_steps"])
def test_session_form_refuses_a_nir(client_for, facilitation, facilitator, field):
    response = client_for(facilitator).post(
        reverse("facilitations:session_create", args=[facilitation.pk]),
        _session_data(**{field: f"Patiente {NIR}"}),
    )
    assert response.status_code == 200
    assert MESSAGE in page_text(response)
    assert not Session.objects.exists()


def test_session_form_accepts_phone_numbers(client_for, facilitation, facilitator):
    response = client_for(facilitator).post(
        reverse("facilitations:session_create", args=[facilitation.pk]),
        _session_data(shared_summary="Rappeler le secrétariat au 02 96 12 34 56."),
    )
    assert response.status_code == 302
    assert Session.objects.count() == 1


def test_follow_up_form_refuses_a_nir(client_for, facilitation, facilitator, member):
    response = client_for(facilitator).post(
        reverse("facilitations:followup_create", args=[facilitation.pk]),
        {"title": f"Relancer pour {NIR}", "assignee": member.pk, "due_date": "2030-01-01"},
    )
    assert MESSAGE in page_text(response)
    assert not FollowUpAction.objects.exists()


def test_health_project_section_refuses_a_nir(client_for, structure, coordinator):
    project = HealthProject.objects.create(structure=structure)
    response = client_for(coordinator).post(
        reverse(
            "structures:health_project_edit_section",
            args=[structure.pk, Section.TERRITORY.value],
        ),
        {"text": f"## Territoire\n\n| patient | {NIR} |", "comment": "", "base_version": 0},
    )
    assert response.status_code == 200
    assert MESSAGE in page_text(response)
    assert project.versions.count() == 0
    # The model refuses it too, whatever the way in.
    with pytest.raises(ValidationError):
        project.save_section(Section.TERRITORY, f"NIR {NIR}", by=coordinator)
    assert project.versions.count() == 0


def test_charter_refuses_a_nir(client_for, staff):
    current = Charter.current()
    response = client_for(staff).post(
        reverse("charter_edit"),
        {"title": current.title, "text": current.text + f"\n\nExemple : {NIR}", "comment": ""},
    )
    assert response.status_code == 200
    assert MESSAGE in page_text(response)
    assert Charter.current() == current


def test_model_fields_refuse_a_nir_in_the_admin_too(facilitation):
    session = SessionFactory.build(facilitation=facilitation, private_notes=NIR)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["private_notes"] == [MESSAGE]


# ------------------------------------------------------------------ RCP cases


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"Patient {NIR}", "nir"),
        ("Mme D., née le 12/03/1956, diabétique", "birth_date"),
        ("M. P. né le 3 mars 1948", "birth_date"),
        ("DDN 12/03/1956", "birth_date"),
        ("DDN : 12.03.56", "birth_date"),
        ("date de naissance 01-02-1970", "birth_date"),
        ("joignable au 06 12 34 56 78", "phone"),
        ("tél. 0296123456", "phone"),
        ("+33 6 12 34 56 78", "phone"),
        ("écrire à jean.dupont@exemple.fr", "email"),
    ],
)
def test_identity_markers_are_found(text, kind):
    assert [marker.kind for marker in find_identity_markers(text)] == [kind]
    with pytest.raises(ValidationError):
        validate_no_identity_markers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Homme de 80 ans, polypathologique",
        "CAS-2026-014",
        "RCP du 12/03/2026, HbA1c 8,2 %",
        "Suivi depuis 2019, 3 hospitalisations",
        "RPPS 10003456789",
        ISSUE_NUMBER,
    ],
)
def test_anonymous_case_text_is_accepted(text):
    assert find_identity_markers(text) == []
    validate_no_identity_markers(text)


def test_identity_message_names_what_was_found():
    with pytest.raises(ValidationError) as error:
        validate_no_identity_markers("née le 12/03/1956, tél. 06 12 34 56 78")
    assert error.value.messages == [
        "Ce texte semble contenir une date de naissance, un numéro de téléphone : un cas "
        "présenté en RCP doit rester anonyme, sans rien qui permette d'identifier le patient."
    ]
