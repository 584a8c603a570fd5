"""A professional's request: the form, the confirmation, the follow-up page,
messages with staff, and the triage pages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from facilitations.enums import RequestStatus
from facilitations.models import Facilitation, FacilitationRequest, Need
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import EPCI, Profession
from structures.models import Structure
from tests.facilitations.factories import FacilitationRequestFactory
from tests.factories import tokened

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "structure": "",
        "project_name": "Maison de santé de Plestan",
        "epci": EPCI.objects.get(siren="200069391").pk,
        "needs": [Need.objects.get(code="creer-msp").pk],
        "other_need": "",
        "description": "Trois médecins et deux infirmières veulent se regrouper.",
        "professions": [Profession.objects.get(code="10").pk, Profession.objects.get(code="60").pk],
        "availability": "Le jeudi soir",
        TOKEN_FIELD: new_token(),
    }
    data.update(overrides)
    return data


def test_professional_submits_a_request(client, professional, django_capture_on_commit_callbacks):
    client.force_login(professional)
    page = client.get(reverse("facilitations:request_create")).content.decode()
    assert '<optgroup label="22 – Côtes-d&#x27;Armor">' in page
    assert 'data-combobox="epci"' in page
    assert "js/epci-picker.js" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("facilitations:request_create"), _data())
    req = FacilitationRequest.objects.get()
    assert response["Location"] == reverse("facilitations:request_detail", args=[req.pk])
    assert req.requester == professional
    assert req.status == RequestStatus.SUBMITTED
    assert list(req.needs.values_list("code", flat=True)) == ["creer-msp"]
    assert req.professions.count() == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [professional.email]
    assert "Maison de santé de Plestan" in mail.outbox[0].subject
    assert f"/facilitations/demandes/{req.pk}/" in mail.outbox[0].body

    page = client.get(response["Location"]).content.decode()
    assert "Déposée" in page and "Le jeudi soir" in page
    listing = client.get(reverse("facilitations:request_list")).content.decode()
    assert "Maison de santé de Plestan" in listing


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"project_name": ""}, "project_name", "Choisissez votre équipe"),
        ({"needs": []}, "needs", "Ce champ est obligatoire"),
        ({"epci": ""}, "epci", "Ce champ est obligatoire"),
        ({"description": ""}, "description", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_saves_nothing(client, professional, overrides, field, message):
    client.force_login(professional)
    response = client.post(reverse("facilitations:request_create"), _data(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not FacilitationRequest.objects.exists()


def test_other_need_requires_text(client, professional):
    client.force_login(professional)
    data = _data(needs=[Need.objects.get(code="autre").pk])
    response = client.post(reverse("facilitations:request_create"), data)
    assert "Précisez votre besoin" in response.content.decode()
    assert not FacilitationRequest.objects.exists()
    data["other_need"] = "Organiser une journée de formation"
    data[TOKEN_FIELD] = new_token()
    assert client.post(reverse("facilitations:request_create"), data).status_code == 302


def test_existing_team_only_among_own_structures(client, member, structure, other_structure):
    client.force_login(member)
    form = client.get(reverse("facilitations:request_create")).context["form"]
    assert list(form.fields["structure"].queryset) == [structure]
    response = client.post(
        reverse("facilitations:request_create"),
        _data(structure=other_structure.pk, project_name=""),
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(
        reverse("facilitations:request_create"), _data(structure=structure.pk, project_name="")
    )
    assert response.status_code == 302
    assert FacilitationRequest.objects.get().structure == structure
    response = client.post(reverse("facilitations:request_create"), _data(structure=structure.pk))
    assert "pas les deux" in response.content.decode()


def test_messages_go_to_the_other_side(
    client, professional, staff, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    other_staff = UserFactory(email="staff2@exemple.fr", staff=True)
    req = FacilitationRequestFactory(requester=professional)
    url = reverse("facilitations:request_message", args=[req.pk])

    client.force_login(professional)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Nous sommes disponibles en juin.", TOKEN_FIELD: new_token()})
    # nobody handles the request yet: every staff member is told
    assert sorted(mail.outbox[-1].to) == sorted([staff.email, other_staff.email])
    assert "Nous sommes disponibles en juin." in mail.outbox[-1].body

    req.start_review(by=other_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"body": "Une précision : deux kinés nous rejoignent.", TOKEN_FIELD: new_token()}
        )
    assert mail.outbox[-1].to == [other_staff.email]

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Merci, nous revenons vers vous.", TOKEN_FIELD: new_token()})
    assert mail.outbox[-1].to == [professional.email]
    assert req.messages.count() == 3

    response = client.post(url, {"body": "   ", TOKEN_FIELD: new_token()}, follow=True)
    assert "Ce champ est obligatoire" in response.content.decode()
    assert req.messages.count() == 3


def test_facilitator_sees_request_but_cannot_write(client, facilitation, facilitator):
    req = FacilitationRequestFactory(status=RequestStatus.ACCEPTED)
    facilitation.request = req
    facilitation.save()
    client.force_login(facilitator)
    page = client.get(reverse("facilitations:request_detail", args=[req.pk]))
    assert page.status_code == 200
    assert "Envoyer le message" not in page.content.decode()
    response = client.post(
        reverse("facilitations:request_message", args=[req.pk]), {"body": "Bonjour"}
    )
    assert response.status_code == 403


def test_triage_queue_filters_and_order(client, staff):
    old = FacilitationRequestFactory(
        project_name="Vieille demande", created_at=timezone.now() - datetime.timedelta(days=40)
    )
    FacilitationRequestFactory(project_name="Demande récente")
    FacilitationRequestFactory(project_name="Demande déclinée", status=RequestStatus.DECLINED)
    finistere = FacilitationRequestFactory(
        project_name="Projet du Finistère",
        epci=EPCI.objects.filter(department__code="29").first(),
        needs=[Need.objects.get(code="rcp")],
    )
    client.force_login(staff)
    url = reverse("facilitations:triage")
    rows = list(client.get(url).context["page"].object_list)
    assert [r.project_name for r in rows] == [
        "Vieille demande",
        "Demande récente",
        "Projet du Finistère",
    ]
    assert [r.pk for r in client.get(url, {"age": "30"}).context["page"]] == [old.pk]
    dep29 = finistere.epci.department.pk
    assert [r.pk for r in client.get(url, {"department": dep29}).context["page"]] == [finistere.pk]
    rcp = Need.objects.get(code="rcp").pk
    assert [r.pk for r in client.get(url, {"need": rcp}).context["page"]] == [finistere.pk]
    declined = client.get(url, {"status": "declinee"}).context["page"]
    assert [r.project_name for r in declined] == ["Demande déclinée"]


def test_staff_accepts_from_the_page_creating_the_structure(
    client, staff, facilitator, project_officer, professional
):
    req = FacilitationRequestFactory(requester=professional, project_name="ESP de Moncontour")
    client.force_login(staff)
    url = reverse("facilitations:request_accept", args=[req.pk])
    form = client.get(url).context["form"]
    assert form.initial["new_structure_kind"] == "esp"
    response = client.post(
        url,
        {
            "structure": "",
            "new_structure_kind": "",
            "new_structure_name": "ESP de Moncontour",
            "facilitator": facilitator.pk,
            "project_officer": project_officer.pk,
        },
    )
    assert "Choisissez une structure existante ou le type" in response.content.decode()
    assert not Facilitation.objects.exists()
    response = client.post(
        url,
        tokened(
            {
                "structure": "",
                "new_structure_kind": "esp",
                "new_structure_name": "ESP de Moncontour",
                "facilitator": facilitator.pk,
                "project_officer": project_officer.pk,
            }
        ),
    )
    facilitation = Facilitation.objects.get()
    assert response["Location"] == reverse("facilitations:detail", args=[facilitation.pk])
    assert facilitation.structure == Structure.objects.get(name="ESP de Moncontour")
    # the requester now follows the facilitation, binôme named
    client.force_login(professional)
    page = client.get(reverse("facilitations:request_detail", args=[req.pk])).content.decode()
    assert "Acceptée" in page and facilitator.display_name in page
    assert "Suivre la facilitation" in page


def test_staff_redirects_and_declines_from_the_pages(client, staff, professional):
    req = FacilitationRequestFactory(requester=professional)
    client.force_login(staff)
    client.post(reverse("facilitations:request_review", args=[req.pk]))
    req.refresh_from_db()
    assert req.status == RequestStatus.UNDER_REVIEW
    response = client.post(reverse("facilitations:request_review", args=[req.pk]), follow=True)
    assert "Seule une demande déposée" in response.content.decode()

    url = reverse("facilitations:request_redirect", args=[req.pk])
    response = client.post(url, tokened({"to": ""}))
    assert response.status_code == 200 and "obligatoire" in response.content.decode()
    client.post(url, tokened({"to": "Référent ARS du Finistère"}))
    req.refresh_from_db()
    assert req.status == RequestStatus.REDIRECTED

    response = client.post(
        reverse("facilitations:request_decline", args=[req.pk]),
        tokened({"reason": "Non"}),
        follow=True,
    )
    assert "déjà « Orientée ailleurs »" in response.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.REDIRECTED
    client.force_login(professional)
    page = client.get(reverse("facilitations:request_detail", args=[req.pk])).content.decode()
    assert "Référent ARS du Finistère" in page
