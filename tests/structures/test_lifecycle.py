"""Stages, CARPEC calendar, reviews and their outcome, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gecolib.models import ReminderOptOut
from gecolib.reminders import run_reminders
from structures.enums import CarpecOutcome, CarpecReviewKind, Stage, StructureKind
from structures.models import CarpecReview, CarpecSession, StageChange
from structures.reminders import CarpecReviewReminder
from tests.factories import tokened
from tests.structures.factories import (
    CarpecReviewFactory,
    CarpecSessionFactory,
    MembershipFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db


def test_move_to_writes_history(structure, coordinator):
    change = structure.move_to(Stage.ESP_VALIDATION, by=coordinator, comment="Dossier complet")
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_VALIDATION
    assert change.changed_by == coordinator
    assert change.date == timezone.localdate()
    assert list(structure.stage_changes.values_list("stage", flat=True)) == [Stage.ESP_VALIDATION]


@pytest.mark.parametrize(
    "stage,message",
    [
        (Stage.MSP_RECOGNISED, "n'existe pas pour une structure de type"),
        (Stage.ESP_WRITING, "déjà à cette étape"),
        (Stage.ESP_RECOGNISED, "Seule l'équipe GECO Lib'"),
    ],
)
def test_invalid_transitions_refused(structure, coordinator, stage, message):
    with pytest.raises(ValidationError, match=message):
        structure.move_to(stage, by=coordinator)
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_WRITING
    assert not StageChange.objects.exists()


def test_future_date_refused(structure, staff):
    with pytest.raises(ValidationError, match="future"):
        structure.move_to(
            Stage.ESP_VALIDATION, by=staff, date=timezone.localdate() + datetime.timedelta(days=1)
        )


def test_lifecycle_view_moves_stage_and_refuses_bad_input(client_for, coordinator, structure):
    client = client_for(coordinator)
    url = reverse("structures:lifecycle", args=[structure.pk])
    html = client.get(url).content.decode()
    # A coordinator is not offered recognition.
    assert 'value="esp_6_reconnue"' not in html
    response = client.post(url, tokened({"stage": Stage.ESP_RECOGNISED, "date": "2025-01-10"}))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(url, tokened({"stage": Stage.ESP_VALIDATION, "date": "2099-01-01"}))
    assert "ne peut pas être future" in response.content.decode()
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_WRITING
    response = client.post(
        url, tokened({"stage": Stage.ESP_VALIDATION, "date": "2025-01-10", "comment": "Visite ARS"})
    )
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_VALIDATION
    assert structure.stage_changes.get().date == datetime.date(2025, 1, 10)
    html = client.get(reverse("structures:detail", args=[structure.pk])).content.decode()
    assert "10 janvier 2025" in html
    assert "Visite ARS" in html


@pytest.mark.parametrize(
    "kind,stage,target",
    [
        (StructureKind.ESP, Stage.ESP_VALIDATION, Stage.ESP_RECOGNISED),
        (StructureKind.ESP_CLAP, Stage.ESP_VALIDATION, Stage.ESP_RECOGNISED),
        (StructureKind.MSP, Stage.MSP_VALIDATION, Stage.MSP_RECOGNISED),
        (StructureKind.CPTS, Stage.CPTS_SUBMITTED, Stage.CPTS_VALIDATED),
    ],
)
def test_favourable_validation_moves_the_stage_on(staff, kind, stage, target):
    structure = StructureFactory(kind=kind, stage=stage)
    review = CarpecReviewFactory(structure=structure, session=CarpecSessionFactory(past=True))
    review.record_outcome(CarpecOutcome.FAVOURABLE, by=staff, comment="Projet solide")
    structure.refresh_from_db()
    assert structure.stage == target
    change = structure.stage_changes.get()
    assert change.date == review.session.date
    assert change.comment == "Avis favorable de la CARPEC"


@pytest.mark.parametrize(
    "kind,outcome",
    [
        (CarpecReviewKind.VALIDATION, CarpecOutcome.UNFAVOURABLE),
        (CarpecReviewKind.VALIDATION, CarpecOutcome.POSTPONED),
        (CarpecReviewKind.FUNDING_WRITING, CarpecOutcome.FAVOURABLE),
    ],
)
def test_other_outcomes_keep_the_stage(staff, structure, kind, outcome):
    review = CarpecReviewFactory(
        structure=structure, kind=kind, session=CarpecSessionFactory(past=True)
    )
    review.record_outcome(outcome, by=staff)
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_WRITING
    assert review.outcome == outcome


def test_outcome_refused_twice_or_before_the_session(staff, structure):
    review = CarpecReviewFactory(structure=structure, session=CarpecSessionFactory(past=True))
    review.record_outcome(CarpecOutcome.POSTPONED, by=staff)
    with pytest.raises(ValidationError, match="déjà enregistré"):
        review.record_outcome(CarpecOutcome.FAVOURABLE, by=staff)
    future = CarpecReviewFactory(structure=structure, session=CarpecSessionFactory())
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        future.record_outcome(CarpecOutcome.FAVOURABLE, by=staff)


def test_published_calendar_loaded():
    dates = set(CarpecSession.objects.values_list("date", flat=True))
    assert {datetime.date(2024, 12, 5), datetime.date(2025, 6, 5), datetime.date(2025, 12, 4)} <= (
        dates
    )


def test_calendar_page_add_and_edit_session(client_for, staff):
    client = client_for(staff)
    html = client.get(reverse("structures:carpec_calendar")).content.decode()
    assert "jeudi 5 décembre 2024" in html
    response = client.post(
        reverse("structures:carpec_calendar"),
        tokened({"date": "2027-03-04", "submission_deadline": "2027-03-10", "notes": ""}),
    )
    assert "doit précéder la date de la séance" in response.content.decode()
    assert not CarpecSession.objects.filter(date=datetime.date(2027, 3, 4)).exists()
    response = client.post(
        reverse("structures:carpec_calendar"),
        tokened(
            {"date": "2027-03-04", "submission_deadline": "2027-02-04", "notes": "Séance à Rennes"}
        ),
    )
    assert response.status_code == 302
    session = CarpecSession.objects.get(date=datetime.date(2027, 3, 4))
    response = client.post(
        reverse("structures:carpec_session", args=[session.pk]),
        {"date": "2027-03-11", "submission_deadline": "2027-02-04", "notes": "Reportée"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.date == datetime.date(2027, 3, 11)
    response = client.post(
        reverse("structures:carpec_calendar"), tokened({"date": "2027-03-11", "notes": ""})
    )
    assert "Une séance de la CARPEC est déjà prévue à cette date." in response.content.decode()


def test_staff_schedules_and_records_outcome_through_pages(client_for, staff, structure):
    client = client_for(staff)
    structure.move_to(Stage.ESP_VALIDATION, by=staff)
    upcoming = CarpecSessionFactory()
    response = client.post(
        reverse("structures:carpec_schedule", args=[structure.pk]),
        tokened({"session": upcoming.pk, "kind": CarpecReviewKind.VALIDATION}, prefix="carpec"),
    )
    assert response.status_code == 302
    review = CarpecReview.objects.get(structure=structure)
    assert review.session == upcoming
    # Scheduling the same again: refused with a message, nothing created.
    response = client.post(
        reverse("structures:carpec_schedule", args=[structure.pk]),
        tokened({"session": upcoming.pk, "kind": CarpecReviewKind.VALIDATION}, prefix="carpec"),
        follow=True,
    )
    assert "déjà inscrite" in response.content.decode()
    assert CarpecReview.objects.count() == 1
    # The session page lists it; the outcome can be recorded once it is past.
    html = client.get(reverse("structures:carpec_session", args=[upcoming.pk])).content.decode()
    assert structure.name in html
    assert "une fois la séance passée" in html
    CarpecSession.objects.filter(pk=upcoming.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.post(
        reverse("structures:carpec_review_outcome", args=[review.pk]),
        {f"r{review.pk}-outcome": CarpecOutcome.FAVOURABLE, f"r{review.pk}-comment": "Bravo"},
        follow=True,
    )
    assert "Avis enregistré" in response.content.decode()
    structure.refresh_from_db()
    assert structure.stage == Stage.ESP_RECOGNISED
    html = client.get(reverse("structures:detail", args=[structure.pk])).content.decode()
    assert "CARPEC</strong> – Validation du projet de santé : Avis favorable" in html


def test_outcome_view_refuses_pending(client_for, staff, structure):
    review = CarpecReviewFactory(structure=structure, session=CarpecSessionFactory(past=True))
    response = client_for(staff).post(
        reverse("structures:carpec_review_outcome", args=[review.pk]),
        {f"r{review.pk}-outcome": CarpecOutcome.PENDING},
        follow=True,
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    review.refresh_from_db()
    assert review.outcome == CarpecOutcome.PENDING


def carpec_reminders(today=None) -> int:
    return run_reminders(today, kinds=[CarpecReviewReminder()])["carpec_review"]


def test_reminders_sent_once_to_coordinators(
    structure, coordinator, member, django_capture_on_commit_callbacks
):
    soon = CarpecSessionFactory(date=timezone.localdate() + datetime.timedelta(days=10))
    later = CarpecSessionFactory(date=timezone.localdate() + datetime.timedelta(days=40))
    CarpecReviewFactory(structure=structure, session=soon)
    CarpecReviewFactory(structure=structure, session=later)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert carpec_reminders() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert structure.name in mail.outbox[0].subject
    assert reverse("structures:detail", args=[structure.pk]) in mail.outbox[0].body
    # Running again (or a retried beat) sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert carpec_reminders() == 0
    assert len(mail.outbox) == 1


def test_a_moved_session_date_reminds_again(
    structure, coordinator, django_capture_on_commit_callbacks
):
    session = CarpecSessionFactory(date=timezone.localdate() + datetime.timedelta(days=10))
    CarpecReviewFactory(structure=structure, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert carpec_reminders() == 1
    session.date += datetime.timedelta(days=3)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert carpec_reminders() == 1
        assert carpec_reminders() == 0
    assert len(mail.outbox) == 2


def test_opted_out_coordinator_is_not_reminded(
    structure, coordinator, django_capture_on_commit_callbacks
):
    other = MembershipFactory(structure=structure, coordinator=True).user
    ReminderOptOut.objects.create(user=coordinator, kind="carpec_review")
    session = CarpecSessionFactory(date=timezone.localdate() + datetime.timedelta(days=10))
    CarpecReviewFactory(structure=structure, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert carpec_reminders() == 1
    assert mail.outbox[0].to == [other.email]


def test_reminder_skips_decided_reviews(staff, structure, coordinator):
    session = CarpecSessionFactory(past=True)
    review = CarpecReviewFactory(structure=structure, session=session)
    review.record_outcome(CarpecOutcome.POSTPONED, by=staff)
    assert CarpecReview.objects.due_for_reminder(timezone.localdate(), 30).count() == 0


def test_schedule_refuses_past_session(structure, staff):
    with pytest.raises(ValidationError, match="passée"):
        CarpecSessionFactory(past=True).schedule(structure, CarpecReviewKind.VALIDATION, by=staff)


def test_membership_factory_coordinator_used(structure):
    # The shared factory's trait gives a coordinator membership.
    m = MembershipFactory(structure=structure, coordinator=True)
    assert m.role == "coordinateur"


@pytest.mark.parametrize("extra", [3, 30])
def test_calendar_query_count_is_fixed(client_for, staff, django_assert_num_queries, extra):
    structure = StructureFactory()
    for n in range(extra):
        session = CarpecSessionFactory(date=datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
        CarpecReviewFactory(structure=structure, session=session)
    client = client_for(staff)
    # Session, user, the staff member's TOTP check, then: the paginator's
    # count and the page of sessions with their review counts.
    with django_assert_num_queries(5):
        response = client.get(reverse("structures:carpec_calendar"))
    assert response.context["page"].paginator.count == 6 + extra


def test_model_clean_guards_the_admin_too(structure):
    structure.finess = "350000014"
    structure.population_override = 1000
    with pytest.raises(ValidationError) as error:
        structure.full_clean()
    assert set(error.value.message_dict) == {"finess", "population_override"}
    structure.refresh_from_db()
    structure.stage = Stage.MSP_ACI
    with pytest.raises(ValidationError, match="ne correspond pas au type"):
        structure.full_clean()


def test_carpec_opinions_stay_out_of_the_public_timeline(client_for, cast, structure):
    """A visitor sees a recognised structure's stages, not the CARPEC's opinions
    (an adjournment is the team's business); members see both."""
    from structures.enums import CarpecOutcome, Stage
    from tests.structures.factories import CarpecReviewFactory, CarpecSessionFactory

    structure.stage = Stage.ESP_RECOGNISED
    structure.save()
    CarpecReviewFactory(
        structure=structure,
        session=CarpecSessionFactory(past=True),
        outcome=CarpecOutcome.POSTPONED,
    )
    url = reverse("structures:detail", args=[structure.pk])
    public = client_for(None).get(url)
    assert public.status_code == 200
    assert not [e for e in public.context["timeline"] if e["kind"] == "carpec"]
    assert "Ajourné" not in public.content.decode()
    private = client_for(cast["member"]).get(url)
    assert [e for e in private.context["timeline"] if e["kind"] == "carpec"]
    assert "Ajourné" in private.content.decode()
