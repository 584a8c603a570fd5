"""The facilitation log: one form for a session (with defaults, participants
and follow-ups), editing by the binôme only, follow-ups, status pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations.enums import FacilitationStatus
from facilitations.models import FollowUpAction, HelpType, Session
from gecolib.idempotency import TOKEN_FIELD, new_token
from tests.facilitations.factories import FollowUpFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _session_data(**overrides):
    today = timezone.localdate()
    data = {
        "date": today.isoformat(),
        "duration_minutes": "90",
        "mode": "visio",
        "phase": "mesure",
        "help_given": [HelpType.objects.get(code="animation-groupe").pk],
        "shared_summary": "Diagnostic partagé des besoins du territoire.",
        "private_notes": "Le médecin référent semble réservé.",
        "next_steps": "Préparer la réunion plénière.",
        "next_date": (today + datetime.timedelta(days=21)).isoformat(),
        "participants_10": "2",
        TOKEN_FIELD: new_token(),
        "participants_60": "3",
        "participants_70": "",
        "suivi-TOTAL_FORMS": "2",
        "suivi-INITIAL_FORMS": "0",
        "suivi-MIN_NUM_FORMS": "0",
        "suivi-MAX_NUM_FORMS": "10",
        "suivi-0-title": "",
        "suivi-0-assignee": "",
        "suivi-0-due_date": "",
        "suivi-1-title": "",
        "suivi-1-assignee": "",
        "suivi-1-due_date": "",
    }
    data.update(overrides)
    return data


def test_session_form_defaults(client, facilitation, facilitator):
    client.force_login(facilitator)
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    form = client.get(url).context["form"]
    assert form["date"].value() == timezone.localdate()
    assert form["duration_minutes"].value() == 120
    assert form["phase"].value() == "definition"
    assert form["mode"].value() == "sur_place"
    SessionFactory(facilitation=facilitation, phase="analyse", mode="telephone")
    form = client.get(url).context["form"]
    assert form["phase"].value() == "analyse"
    assert form["mode"].value() == "telephone"


def test_log_a_session_with_participants_and_follow_ups(client, facilitation, facilitator, member):
    client.force_login(facilitator)
    url = reverse("facilitations:session_create", args=[facilitation.pk])
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        url,
        _session_data(
            **{
                "suivi-0-title": "Envoyer le modèle de statuts",
                "suivi-0-assignee": member.pk,
                "suivi-0-due_date": due,
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    session = Session.objects.get()
    assert session.created_by == facilitator
    assert session.duration_minutes == 90 and session.phase == "mesure"
    assert {p.profession.code: p.count for p in session.participations.all()} == {
        "10": 2,
        "60": 3,
    }
    assert list(session.help_given.values_list("code", flat=True)) == ["animation-groupe"]
    follow_up = FollowUpAction.objects.get()
    assert follow_up.session == session and follow_up.assignee == member
    assert follow_up.facilitation == facilitation

    page = client.get(reverse("facilitations:detail", args=[facilitation.pk])).content.decode()
    assert "Diagnostic partagé des besoins du territoire." in page
    assert "Le médecin référent semble réservé." in page
    assert "Envoyer le modèle de statuts" in page
    assert "5 participants" in page


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"duration_minutes": "0"}, "entre 1 minute et 24 heures"),
        ({"date": "2999-01-01"}, "ne peut pas être à venir"),
        ({"participants_10": "-2"}, "supérieure ou égale à 0"),
        ({"next_date": "2000-01-01"}, "La prochaine séance doit être prévue après"),
        ({"phase": ""}, "Ce champ est obligatoire"),
        ({"suivi-0-title": "Relancer l'ARS", "suivi-0-due_date": ""}, "Ce champ est obligatoire"),
    ],
)
def test_bad_session_input_saves_nothing(client, facilitation, facilitator, overrides, message):
    client.force_login(facilitator)
    response = client.post(
        reverse("facilitations:session_create", args=[facilitation.pk]), _session_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "rien n'a été enregistré" in response.content.decode()
    assert not Session.objects.exists()
    assert not FollowUpAction.objects.exists()


def test_follow_up_assignee_must_be_team_or_binome(client, facilitation, facilitator, other_member):
    client.force_login(facilitator)
    response = client.post(
        reverse("facilitations:followup_create", args=[facilitation.pk]),
        {"title": "Relancer", "assignee": other_member.pk, "due_date": "2030-01-01"},
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not FollowUpAction.objects.exists()


def test_session_edit_by_current_binome_and_staff_only(
    client, facilitation, facilitator, staff, member
):
    """A facilitator whose assignment ended reads the log but edits no session."""
    from tests.factories import UserFactory, accept_charter, activate_totp

    session = SessionFactory(facilitation=facilitation)
    successor = UserFactory(email="relais@exemple.fr", facilitator=True)
    accept_charter(successor)
    activate_totp(successor)
    facilitation.assign(user=successor, by=staff)
    url = reverse("facilitations:session_edit", args=[session.pk])
    for user in (successor, staff):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (member, facilitator):
        client.force_login(user)
        assert client.get(url).status_code == 403

    client.force_login(successor)
    data = _session_data(shared_summary="Synthèse corrigée.", participants_10="1")
    response = client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.shared_summary == "Synthèse corrigée."
    assert {p.profession.code: p.count for p in session.participations.all()} == {
        "10": 1,
        "60": 3,
    }
    data["participants_60"] = "0"
    client.post(url, data)
    assert {p.profession.code for p in session.participations.all()} == {"10"}


def test_follow_up_toggle_with_htmx(client, facilitation, member):
    follow_up = FollowUpFactory(
        facilitation=facilitation, assignee=member, title="Réserver la salle"
    )
    client.force_login(member)
    url = reverse("facilitations:followup_toggle", args=[follow_up.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.strip().startswith("<li") and "Rouvrir" in fragment
    follow_up.refresh_from_db()
    assert follow_up.is_done
    assert client.post(url)["Location"] == reverse("facilitations:detail", args=[facilitation.pk])
    follow_up.refresh_from_db()
    assert not follow_up.is_done


def test_status_and_close_pages(client, facilitation, facilitator):
    client.force_login(facilitator)
    client.post(reverse("facilitations:status", args=[facilitation.pk]), {"action": "pause"})
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.PAUSED
    response = client.post(
        reverse("facilitations:status", args=[facilitation.pk]), {"action": "pause"}, follow=True
    )
    assert "Seule une facilitation en cours" in response.content.decode()

    url = reverse("facilitations:close", args=[facilitation.pk])
    response = client.post(url, {"action": "terminee", "outcome": "", "summary": "Fini"})
    assert "Indiquez le résultat" in response.content.decode()
    response = client.post(url, {"action": "abandonnee", "outcome": "", "summary": ""})
    assert "obligatoire" in response.content.decode()
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.PAUSED
    # a valid form first shows what closing does; nothing changes yet
    data = {"action": "terminee", "outcome": "projet_valide", "summary": "Validé."}
    response = client.post(url, data)
    html = response.content.decode()
    assert "Cette action ne s'annule pas" in html and "Confirmer la clôture" in html
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.PAUSED
    # going back shows the form again with the input kept
    html = client.post(url, {**data, "back": "1"}).content.decode()
    assert "Validé." in html and "Confirmer la clôture" not in html
    client.post(url, {**data, "confirm": "1"})
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.DONE
    response = client.get(
        reverse("facilitations:session_create", args=[facilitation.pk]), follow=True
    )
    assert "on n&#x27;y consigne plus de séance" in response.content.decode()


def test_workspace_lists_overdue_first_with_dates(client, facilitator, project_officer, structure):
    from tests.factories import AssignmentFactory, FacilitationFactory, StructureFactory

    calm = FacilitationFactory(structure=StructureFactory(name="ESP Tranquille"))
    late = FacilitationFactory(structure=StructureFactory(name="ESP En Retard"))
    for f in (calm, late):
        AssignmentFactory(facilitation=f, user=facilitator)
    today = timezone.localdate()
    SessionFactory(
        facilitation=calm,
        date=today - datetime.timedelta(days=5),
        next_date=today + datetime.timedelta(days=9),
    )
    FollowUpFactory(facilitation=late, overdue=True)
    FollowUpFactory(facilitation=late, overdue=True)
    FacilitationFactory(structure=StructureFactory(name="ESP d'un autre binôme"))
    client.force_login(facilitator)
    response = client.get(reverse("facilitations:workspace"))
    rows = list(response.context["page"].object_list)
    assert [f.structure.name for f in rows] == ["ESP En Retard", "ESP Tranquille"]
    assert rows[0].overdue_count == 2
    assert rows[1].last_session_date == today - datetime.timedelta(days=5)
    assert rows[1].next_session_date == today + datetime.timedelta(days=9)
    page = response.content.decode()
    assert "2 en retard" in page
    assert (today + datetime.timedelta(days=9)).strftime("%d/%m/%Y") in page
