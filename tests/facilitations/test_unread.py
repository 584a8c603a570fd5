"""Unread markers: a request with a message someone has not read yet is
flagged for them, in the triage queue, on the dashboard and in « Mes demandes »."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations.models import FacilitationRequest, RequestReadMark
from gecolib.idempotency import TOKEN_FIELD, new_token
from tests.facilitations.factories import FacilitationRequestFactory
from tests.factories import UserFactory, activate_totp

pytestmark = pytest.mark.django_db

TRIAGE = reverse("facilitations:triage")


def _post(client, req, body):
    return client.post(
        reverse("facilitations:request_message", args=[req.pk]),
        {"body": body, TOKEN_FIELD: new_token()},
    )


def test_a_new_message_is_flagged_until_the_request_is_opened(client_for, staff, professional):
    req = FacilitationRequestFactory(requester=professional, project_name="Équipe de Plérin")
    quiet = FacilitationRequestFactory(project_name="Équipe sans message")
    _post(client_for(professional), req, "Nous sommes disponibles le mardi.")

    client = client_for(staff)
    page = client.get(TRIAGE).content.decode()
    assert "1 demande a un message que vous n'avez pas lu." in page
    assert page.count("1 nouveau message</span>") == 1
    assert client.get(reverse("home")).content.decode().count("1 demande avec un message non lu")
    # The filter keeps only the flagged requests.
    unread_only = client.get(TRIAGE, {"status": "", "messages": "non-lus"})
    assert list(unread_only.context["page"].object_list) == [req]
    assert quiet in client.get(TRIAGE, {"status": ""}).context["page"].object_list

    client.get(reverse("facilitations:request_detail", args=[req.pk]))
    page = client.get(TRIAGE).content.decode()
    assert "nouveau message" not in page and "pas lu" not in page

    # Another message later: flagged again; the staff member's own reply is not.
    _post(client_for(professional), req, "Et le jeudi aussi.")
    assert "1 nouveau message" in client_for(staff).get(TRIAGE).content.decode()
    client_for(staff).get(reverse("facilitations:request_detail", args=[req.pk]))
    _post(client_for(staff), req, "Parfait, nous revenons vers vous.")
    assert "nouveau message" not in client_for(staff).get(TRIAGE).content.decode()


def test_the_requester_sees_staff_replies_as_new(client_for, staff, professional):
    req = FacilitationRequestFactory(requester=professional)
    _post(client_for(staff), req, "Pouvez-vous préciser le nombre de professionnels ?")
    _post(client_for(staff), req, "Et les professions représentées ?")
    client = client_for(professional)
    assert (
        "2 nouveaux messages" in client.get(reverse("facilitations:request_list")).content.decode()
    )
    assert "2 nouveaux messages" in client.get(reverse("home")).content.decode()
    client.get(reverse("facilitations:request_detail", args=[req.pk]))
    assert "nouveau" not in client.get(reverse("facilitations:request_list")).content.decode()


def test_read_marks_are_per_person(staff, professional):
    other_staff = UserFactory(email="autre.staff@exemple.fr", staff=True)
    activate_totp(other_staff)
    req = FacilitationRequestFactory(requester=professional)
    req.post_message(by=professional, body="Bonjour, où en est notre demande ?")
    req.mark_read(staff)
    counts = lambda user: FacilitationRequest.objects.with_unread_count(user).get().unread_count  # noqa: E731
    assert counts(staff) == 0
    assert counts(other_staff) == 1
    assert counts(professional) == 0  # their own message
    # Reading again moves the mark forward, never adds a row.
    req.mark_read(staff)
    assert RequestReadMark.objects.filter(request=req, user=staff).count() == 1
    # A message posted after the last reading is new again.
    later = timezone.now() + dt.timedelta(minutes=5)
    req.messages.create(author=professional, body="Une précision.", created_at=later)
    assert counts(staff) == 1


def test_the_triage_queue_on_a_phone_keeps_its_priority_columns(client_for, staff):
    FacilitationRequestFactory(project_name="Équipe de Plérin")
    page = client_for(staff).get(TRIAGE).content.decode()
    # Territory, needs and requester give way below the md breakpoint; the
    # first cell repeats the territory and the requester there.
    assert page.count('class="d-none d-md-table-cell"') == 4
    assert page.count('class="d-none d-lg-table-cell"') == 2
    assert '<span class="d-block d-md-none small fw-normal">' in page
