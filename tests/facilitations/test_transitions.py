"""State changes of requests, facilitations and follow-ups: valid ones apply,
invalid ones are refused with a clear French message and change nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from facilitations.enums import FacilitationStatus, RequestStatus
from facilitations.models import Assignment, Facilitation
from structures.enums import MembershipRole, StructureKind
from structures.models import Membership, Structure
from tests.facilitations.factories import FacilitationRequestFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def req(professional):
    return FacilitationRequestFactory(requester=professional, project_name="ESP du Penthièvre")


def test_start_review_then_accept_creates_structure_and_binome(
    req, staff, facilitator, project_officer, professional, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req.start_review(by=staff)
    assert req.status == RequestStatus.UNDER_REVIEW
    assert req.reviewer == staff

    with django_capture_on_commit_callbacks(execute=True):
        facilitation = req.accept(
            by=staff,
            new_structure_kind=StructureKind.ESP,
            facilitator=facilitator,
            project_officer=project_officer,
        )
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED
    assert req.decided_by == staff and req.decided_at is not None
    structure = Structure.objects.get(name="ESP du Penthièvre")
    assert structure.kind == StructureKind.ESP
    assert list(structure.epcis.values_list("siren", flat=True)) == ["200069391"]
    assert req.structure == structure == facilitation.structure
    assert facilitation.request == req
    assert facilitation.status == FacilitationStatus.IN_PROGRESS
    open_users = set(
        Assignment.objects.filter(facilitation=facilitation, ended_at__isnull=True).values_list(
            "user__email", flat=True
        )
    )
    assert open_users == {facilitator.email, project_officer.email}
    membership = Membership.objects.get(structure=structure, user=professional)
    assert membership.role == MembershipRole.COORDINATOR
    subjects = [m.subject for m in mail.outbox]
    assert any("En cours d'examen" in s for s in subjects)
    accepted = next(m for m in mail.outbox if "Acceptée" in m.subject)
    assert accepted.to == [professional.email]
    assert f"- {facilitator.display_name}, facilitateur professionnel de santé" in accepted.body
    assert f"- {project_officer.display_name}, chargé de mission" in accepted.body
    told = {m.to[0] for m in mail.outbox if "Une facilitation vous est confiée" in m.subject}
    assert told == {facilitator.email, project_officer.email}


def test_accept_links_an_existing_structure(req, staff, facilitator, project_officer, structure):
    facilitation = req.accept(
        by=staff, structure=structure, facilitator=facilitator, project_officer=project_officer
    )
    assert facilitation.structure == structure
    assert Structure.objects.filter(name="ESP du Penthièvre").count() == 0


def test_accept_without_structure_or_kind_is_refused(req, staff, facilitator, project_officer):
    with pytest.raises(ValidationError, match="type de la structure à créer"):
        req.accept(by=staff, facilitator=facilitator, project_officer=project_officer)
    req.refresh_from_db()
    assert req.status == RequestStatus.SUBMITTED
    assert not Facilitation.objects.exists()


def test_accept_with_uncharted_facilitator_rolls_back(req, staff, facilitator, project_officer):
    from gecolib.models import CharterAcceptance

    CharterAcceptance.objects.filter(user=project_officer).delete()
    with pytest.raises(ValidationError, match="n'a pas encore accepté la charte"):
        req.accept(
            by=staff,
            new_structure_kind=StructureKind.ESP,
            facilitator=facilitator,
            project_officer=project_officer,
        )
    req.refresh_from_db()
    assert req.status == RequestStatus.SUBMITTED
    assert not Facilitation.objects.exists()
    assert not Structure.objects.filter(name="ESP du Penthièvre").exists()


def test_redirect_and_decline_need_their_text(req, staff, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="vers qui"):
        req.redirect(by=staff, to="  ")
    with pytest.raises(ValidationError, match="motif du refus"):
        req.decline(by=staff, reason="")
    req.refresh_from_db()
    assert req.status == RequestStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        req.redirect(by=staff, to="Référent ARS des Côtes-d'Armor")
    req.refresh_from_db()
    assert req.status == RequestStatus.REDIRECTED
    assert req.redirected_to == "Référent ARS des Côtes-d'Armor"
    assert "Référent ARS des Côtes-d'Armor" in mail.outbox[-1].body


@pytest.mark.parametrize(
    "status", [RequestStatus.ACCEPTED, RequestStatus.REDIRECTED, RequestStatus.DECLINED]
)
def test_decided_requests_refuse_every_transition(
    status, staff, facilitator, project_officer, professional
):
    req = FacilitationRequestFactory(requester=professional, status=status)
    with pytest.raises(ValidationError, match="Seule une demande déposée"):
        req.start_review(by=staff)
    with pytest.raises(ValidationError, match="déjà"):
        req.decline(by=staff, reason="Hors champ")
    with pytest.raises(ValidationError, match="déjà"):
        req.redirect(by=staff, to="ARS")
    with pytest.raises(ValidationError, match="déjà"):
        req.accept(
            by=staff,
            new_structure_kind=StructureKind.ESP,
            facilitator=facilitator,
            project_officer=project_officer,
        )
    req.refresh_from_db()
    assert req.status == status


def test_review_twice_is_refused(req, staff):
    req.start_review(by=staff)
    with pytest.raises(ValidationError, match="Seule une demande déposée"):
        req.start_review(by=staff)


def test_only_staff_decides(req, facilitator):
    with pytest.raises(ValidationError, match="Seule l'équipe GECO Lib'"):
        req.decline(by=facilitator, reason="Non")


def test_facilitation_pause_resume_close(facilitation, facilitator):
    facilitation.pause(by=facilitator)
    assert facilitation.status == FacilitationStatus.PAUSED
    with pytest.raises(ValidationError, match="Seule une facilitation en cours"):
        facilitation.pause(by=facilitator)
    facilitation.resume(by=facilitator)
    assert facilitation.status == FacilitationStatus.IN_PROGRESS
    with pytest.raises(ValidationError, match="Seule une facilitation en pause"):
        facilitation.resume(by=facilitator)

    with pytest.raises(ValidationError, match="résultat"):
        facilitation.close(by=facilitator, outcome="", summary="Bilan")
    with pytest.raises(ValidationError, match="bilan de clôture"):
        facilitation.close(by=facilitator, outcome="structure_creee", summary=" ")
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.IN_PROGRESS

    facilitation.close(by=facilitator, outcome="structure_creee", summary="L'ESP est créée.")
    facilitation.refresh_from_db()
    assert facilitation.status == FacilitationStatus.DONE
    assert facilitation.closed_at is not None
    assert facilitation.outcome == "structure_creee"
    with pytest.raises(ValidationError, match="déjà « Terminée »"):
        facilitation.abandon(by=facilitator, summary="Non")
    with pytest.raises(ValidationError, match="Seule une facilitation en cours"):
        facilitation.pause(by=facilitator)


def test_abandon_requires_summary_and_binome(facilitation, facilitator, member):
    with pytest.raises(ValidationError, match="Seuls le binôme"):
        facilitation.abandon(by=member, summary="L'équipe se disperse.")
    with pytest.raises(ValidationError, match="bilan"):
        facilitation.abandon(by=facilitator, summary="")
    facilitation.abandon(by=facilitator, summary="L'équipe se disperse.")
    assert facilitation.status == FacilitationStatus.ABANDONED


def test_follow_up_done_and_reopen(facilitation, facilitator, member, other_member):
    follow_up = FollowUpFactory(facilitation=facilitation, assignee=member)
    with pytest.raises(ValidationError, match="ne pouvez pas"):
        follow_up.mark_done(by=other_member)
    follow_up.mark_done(by=member)
    assert follow_up.is_done
    with pytest.raises(ValidationError, match="déjà faite"):
        follow_up.mark_done(by=facilitator)
    follow_up.reopen(by=facilitator)
    assert not follow_up.is_done
    with pytest.raises(ValidationError, match="pas encore faite"):
        follow_up.reopen(by=facilitator)
