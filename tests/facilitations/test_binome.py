"""The binôme: one open facilitator of each kind, having accepted the current
charter — checked by the form, the model and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from facilitations.forms import BinomeForm
from facilitations.models import Assignment
from gecolib.models import Charter, CharterAcceptance
from tests.factories import UserFactory, accept_charter, tokened

pytestmark = pytest.mark.django_db


def test_form_rejects_facilitator_without_current_charter(facilitator, project_officer):
    newcomer = UserFactory(email="nouvelle@exemple.fr", facilitator=True)
    form = BinomeForm({"facilitator": newcomer.pk, "project_officer": project_officer.pk})
    assert not form.is_valid()
    assert "n'a pas encore accepté la charte" in form.errors["facilitator"][0]
    # listed, flagged, so that staff understand why
    assert "(charte non acceptée)" in str(form["facilitator"])


def test_form_rejects_wrong_kind(facilitator, project_officer):
    form = BinomeForm({"facilitator": project_officer.pk, "project_officer": facilitator.pk})
    assert not form.is_valid()
    assert "facilitateur professionnel de santé" in form.errors["facilitator"][0]
    assert "chargé de mission" in form.errors["project_officer"][0]


def test_form_accepts_a_valid_binome(facilitator, project_officer):
    form = BinomeForm(
        tokened({"facilitator": facilitator.pk, "project_officer": project_officer.pk})
    )
    assert form.is_valid(), form.errors


def test_database_refuses_two_open_assignments_of_one_kind(facilitation, staff):
    other = UserFactory(email="second@exemple.fr", facilitator=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(facilitation=facilitation, user=other, kind="pro_sante")


def test_database_refuses_unknown_kind(facilitation, staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(facilitation=facilitation, user=staff, kind="stagiaire")


def test_reassign_keeps_dated_history(facilitation, facilitator, staff, client):
    successor = UserFactory(email="relais@exemple.fr", facilitator=True, last_name="Relais")
    accept_charter(successor)
    assignment = facilitation.assign(user=successor, by=staff)
    previous = Assignment.objects.get(facilitation=facilitation, user=facilitator)
    assert previous.ended_at is not None and previous.ended_at <= assignment.started_at
    assert assignment.ended_at is None
    assert facilitation.assignments.filter(ended_at__isnull=True).count() == 2
    # the same person again changes nothing
    assert facilitation.assign(user=successor, by=staff) == assignment
    # the past facilitator still sees the facilitation (and its private notes)
    assert facilitation.can_see_private(facilitator)
    assert not facilitation.can_log(facilitator)

    client.force_login(staff)
    page = client.get(reverse("facilitations:detail", args=[facilitation.pk])).content.decode()
    assert "Historique du binôme" in page
    assert "jusqu&#x27;au" in page or "jusqu'au" in page
    assert successor.display_name in page


def test_assign_refuses_non_facilitators_and_non_staff(facilitation, member, staff, facilitator):
    with pytest.raises(ValidationError, match="n'est pas facilitateur"):
        facilitation.assign(user=member, by=staff)
    with pytest.raises(ValidationError, match="Seule l'équipe"):
        facilitation.assign(user=facilitator, by=facilitator)


def test_binome_page_reassigns(client, staff, facilitation, project_officer):
    successor = UserFactory(email="pro2@exemple.fr", facilitator=True)
    accept_charter(successor)
    client.force_login(staff)
    url = reverse("facilitations:binome", args=[facilitation.pk])
    response = client.post(
        url, tokened({"facilitator": successor.pk, "project_officer": project_officer.pk})
    )
    assert response.status_code == 302
    assert facilitation.assignments.get(kind="pro_sante", ended_at__isnull=True).user == successor

    newcomer = UserFactory(email="pro3@exemple.fr", facilitator=True)
    response = client.post(url, {"facilitator": newcomer.pk, "project_officer": project_officer.pk})
    assert response.status_code == 200
    assert "n&#x27;a pas encore accepté la charte" in response.content.decode()
    assert facilitation.assignments.get(kind="pro_sante", ended_at__isnull=True).user == successor


def test_new_charter_version_blocks_assignment(facilitation, staff, facilitator):
    current = Charter.current()
    Charter.save_revision(title=current.title, text="Nouvelle charte", by=staff)
    assert not CharterAcceptance.objects.filter(
        user=facilitator, charter=Charter.current()
    ).exists()
    other = facilitation.assignments.get(kind="pro_sante", ended_at__isnull=True)
    other.ended_at = other.started_at
    other.save()
    with pytest.raises(ValidationError, match="charte"):
        facilitation.assign(user=facilitator, by=staff)
