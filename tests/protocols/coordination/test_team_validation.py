"""Validation by the team (models and services): a request to the members
involved, their answers (« d'accord », or a « réserve » with a comment), the
protocol validated when every member asked agrees; a new request supersedes
the one in progress; a change of the text, a decision taken in meeting or a
change of status ends it. The e-mails go once, with an absolute link."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gecolib.models import Profession, SentNotification
from protocols.coordination import dashboard
from protocols.coordination.enums import (
    Answer,
    ProtocolStatus,
    RoundStatus,
    ValidationMethod,
)
from protocols.coordination.models import ValidationAnswer, ValidationRound
from protocols.coordination.models.protocol import one_year_after
from protocols.coordination.validation_requests import (
    answer_validation,
    default_members,
    request_validation,
)
from tests.factories import MembershipFactory, UserFactory
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    ProtocolFactory,
    protocol_with_steps,
)

pytestmark = pytest.mark.django_db

NIR = "1 85 05 78 006 084 91"


@pytest.fixture
def team(structure, coordinator, member):
    """Three members asked: the structure's member, a nurse and a pharmacist."""
    nurse = MembershipFactory(structure=structure, user__email="infirmiere@exemple.fr").user
    pharmacist = MembershipFactory(
        structure=structure,
        user__email="pharmacien@exemple.fr",
        user__profession=Profession.objects.get(code="21"),
    ).user
    return [member, nurse, pharmacist]


@pytest.fixture
def protocol(structure, coordinator):
    protocol = protocol_with_steps(2, structure=structure, title="Plaies chroniques")
    protocol.save_revision(by=coordinator, comment="Création")
    return protocol


def leave(user) -> None:
    """`user` left the structure yesterday."""
    today = timezone.localdate()
    user.memberships.update(
        start_date=today - datetime.timedelta(days=300), end_date=today - datetime.timedelta(days=1)
    )


def _ask(protocol, coordinator, team, callbacks=None, **options) -> ValidationRound:
    if callbacks is None:
        return request_validation(protocol, by=coordinator, members=team, **options)
    with callbacks(execute=True):
        return request_validation(protocol, by=coordinator, members=team, **options)


def _answer(validation_round, member, answer=Answer.AGREE, comment=""):
    return answer_validation(validation_round, member=member, answer=answer, comment=comment)


def test_a_request_asks_each_member_by_e_mail_with_the_link_to_their_answer(
    protocol, coordinator, team, django_capture_on_commit_callbacks, settings
):
    validation_round = _ask(
        protocol,
        coordinator,
        team,
        django_capture_on_commit_callbacks,
        message="Version discutée en réunion.",
    )
    assert validation_round.status == RoundStatus.OPEN
    assert validation_round.revision == protocol.revisions.first()
    assert {a.member for a in validation_round.answers.all()} == set(team)
    assert not any(a.answer for a in validation_round.answers.all())
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in team)
    link = f"{settings.SITE_URL}/protocoles/validation/{validation_round.pk}/avis/"
    for message in mail.outbox:
        assert "Votre avis sur le protocole « Plaies chroniques »" in message.subject
        assert link in message.body
        assert "Version discutée en réunion." in message.body
        assert "&#x27;" not in message.body
    # Each e-mail is keyed: the same request never writes twice to anyone.
    keys = set(SentNotification.objects.values_list("key", flat=True))
    assert keys == {f"protocol-validation:{validation_round.pk}:{u.pk}" for u in team}


def test_a_new_request_supersedes_the_one_in_progress_and_keeps_its_answers(
    protocol, coordinator, team
):
    first = _ask(protocol, coordinator, team)
    _answer(first, team[0], Answer.RESERVE, "Il manque l'étape du pharmacien.")
    second = _ask(protocol, coordinator, team[:2])
    first.refresh_from_db()
    assert first.status == RoundStatus.SUPERSEDED and first.closed_at is not None
    assert first.answers.get(member=team[0]).answer == Answer.RESERVE
    assert second.status == RoundStatus.OPEN
    assert protocol.validation_rounds.filter(status=RoundStatus.OPEN).get() == second
    # Only the new round counts: its two members agree, the protocol is validated.
    _answer(second, team[0])
    assert _answer(second, team[1]).validated
    with pytest.raises(ValidationError, match="close"):
        first.record_answer(member=team[2], answer=Answer.AGREE)


def test_when_every_member_asked_agrees_the_protocol_is_validated_by_the_team(
    protocol, coordinator, team
):
    validation_round = _ask(protocol, coordinator, team)
    assert not _answer(validation_round, team[0]).validated
    assert not _answer(validation_round, team[1]).validated
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN
    recorded = _answer(validation_round, team[2])
    assert recorded.validated
    protocol.refresh_from_db()
    validation_round.refresh_from_db()
    today = timezone.localdate()
    assert protocol.status == ProtocolStatus.VALIDATED
    assert protocol.validation_method == ValidationMethod.ANSWERS
    assert protocol.validation_recorded_by == coordinator
    assert protocol.validated_on == today
    assert protocol.review_date == one_year_after(today)
    assert set(protocol.agreed_by.all()) == set(team)
    assert validation_round.status == RoundStatus.VALIDATED
    assert protocol.revisions.first().comment.startswith("Validé par l'équipe le")


def test_the_validation_date_is_that_of_the_last_agreement_and_the_review_date_the_chosen_one(
    protocol, coordinator, team
):
    review = timezone.localdate() + datetime.timedelta(days=200)
    validation_round = _ask(protocol, coordinator, team[:2], review_date=review)
    _answer(validation_round, team[0])
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    ValidationAnswer.objects.filter(member=team[0]).update(answered_at=three_days_ago)
    _answer(validation_round, team[1])
    protocol.refresh_from_db()
    assert protocol.validated_on == timezone.localdate()
    assert protocol.review_date == review


def test_a_reserve_keeps_the_protocol_pending_and_may_be_changed(protocol, coordinator, team):
    validation_round = _ask(protocol, coordinator, team[:2])
    _answer(validation_round, team[0])
    recorded = _answer(validation_round, team[1], Answer.RESERVE, "Préciser qui prévient qui.")
    assert recorded.changed and not recorded.validated
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN
    assert validation_round.tally() == {"agree": 1, "reserve": 1, "awaited": 0, "total": 2}
    # Changed to « d'accord »: every member asked agrees now.
    assert _answer(validation_round, team[1]).validated
    row = validation_round.answers.get(member=team[1])
    assert row.answer == Answer.AGREE and row.comment == ""


def test_a_reserve_needs_a_comment_and_the_comment_no_patient_identity(protocol, coordinator, team):
    validation_round = _ask(protocol, coordinator, team[:1])
    with pytest.raises(ValidationError, match="réserve s'accompagne d'un commentaire"):
        _answer(validation_round, team[0], Answer.RESERVE, "   ")
    with pytest.raises(ValidationError, match="numéro de sécurité sociale"):
        _answer(validation_round, team[0], Answer.RESERVE, f"Vu pour {NIR}")
    with pytest.raises(ValidationError, match="D'accord"):
        _answer(validation_round, team[0], "peut-être")
    assert validation_round.answers.get().answer == ""


def test_the_same_answer_twice_changes_nothing(protocol, coordinator, team):
    validation_round = _ask(protocol, coordinator, team[:2])
    first = _answer(validation_round, team[0], Answer.RESERVE, "Ajouter le kiné.")
    again = _answer(validation_round, team[0], Answer.RESERVE, "Ajouter le kiné.")
    assert not again.changed
    assert again.answer.answered_at == first.answer.answered_at
    assert validation_round.answers.count() == 2


def test_only_the_members_asked_still_members_may_answer(protocol, coordinator, team, other_member):
    validation_round = _ask(protocol, coordinator, team[:2])
    with pytest.raises(ValidationError, match="pas demandé"):
        _answer(validation_round, team[2])
    with pytest.raises(ValidationError, match="pas demandé"):
        _answer(validation_round, other_member)
    leave(team[1])
    with pytest.raises(ValidationError, match="pas demandé"):
        _answer(validation_round, team[1])


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no_member", "au moins un membre"),
        ("left", "Ne font plus partie de la structure"),
        ("past_review", "après aujourd'hui"),
        ("no_step", "sans étape"),
        ("validated", "en conception ou à réviser"),
        ("nir", "numéro de sécurité sociale"),
    ],
)
def test_a_request_refused_creates_nothing(case, message, structure, protocol, coordinator, team):
    members, options = team, {}
    if case == "no_member":
        members = []
    elif case == "left":
        leave(team[2])
    elif case == "past_review":
        options["review_date"] = timezone.localdate()
    elif case == "no_step":
        protocol = ProtocolFactory(structure=structure)
    elif case == "validated":
        protocol = protocol_with_steps(1, structure=structure, validated=True)
    elif case == "nir":
        options["message"] = f"Pour {NIR}"
    with pytest.raises(ValidationError, match=message):
        request_validation(protocol, by=coordinator, members=members, **options)
    assert not ValidationRound.objects.exists() and not SentNotification.objects.exists()


def test_a_change_of_the_text_ends_the_request_but_not_a_new_indicator(protocol, coordinator, team):
    validation_round = _ask(protocol, coordinator, team)
    IndicatorFactory(protocol=protocol)
    protocol.save_revision(by=coordinator, comment="Indicateur ajouté")
    validation_round.refresh_from_db()
    assert validation_round.is_open
    step = protocol.steps.first()
    step.what = "Un autre texte"
    step.save()
    protocol.save_revision(by=coordinator)
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.TEXT_CHANGED
    with pytest.raises(ValidationError, match="close"):
        _answer(validation_round, team[0])


def test_restoring_a_version_ends_the_request(protocol, coordinator, team):
    protocol.title = "Plaies chroniques à domicile"
    protocol.save()
    protocol.save_revision(by=coordinator)
    validation_round = _ask(protocol, coordinator, team)
    protocol.restore(protocol.revisions.get(number=1), by=coordinator)
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.TEXT_CHANGED


def test_a_decision_taken_in_meeting_ends_the_request_and_says_who_recorded_it(
    protocol, coordinator, team
):
    validation_round = _ask(protocol, coordinator, team)
    _answer(validation_round, team[0], Answer.RESERVE, "À revoir.")
    protocol.validate(by=coordinator, date=timezone.localdate(), agreed_by=team[:2])
    validation_round.refresh_from_db()
    protocol.refresh_from_db()
    assert validation_round.status == RoundStatus.MEETING
    assert validation_round.answers.get(member=team[0]).comment == "À revoir."
    assert protocol.validation_method == ValidationMethod.MEETING
    assert protocol.validation_recorded_by == coordinator
    assert protocol.revisions.first().comment.endswith("(décision prise en réunion)")


def test_a_change_of_status_ends_the_request(protocol, coordinator, team):
    validation_round = _ask(protocol, coordinator, team)
    protocol.archive(by=coordinator)
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.CLOSED


def test_the_member_who_asked_is_told_of_a_reserve_and_of_the_validation(
    protocol, coordinator, team, django_capture_on_commit_callbacks
):
    validation_round = _ask(protocol, coordinator, team[:2])
    with django_capture_on_commit_callbacks(execute=True):
        _answer(validation_round, team[0], Answer.RESERVE, "Préciser le délai.")
        _answer(validation_round, team[0], Answer.RESERVE, "Préciser le délai.")  # the same
    [reserve] = mail.outbox
    assert reserve.to == [coordinator.email]
    assert "une réserve" in reserve.subject and "Préciser le délai." in reserve.body
    assert f"/protocoles/{protocol.pk}/#validation" in reserve.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _answer(validation_round, team[0])
        _answer(validation_round, team[1])
    [done] = mail.outbox
    assert done.to == [coordinator.email] and "validé par l'équipe" in done.subject
    assert "Les 2 membres sollicités ont donné leur accord" in done.body


def test_the_member_who_asked_is_not_told_of_their_own_answer(
    protocol, coordinator, team, django_capture_on_commit_callbacks
):
    validation_round = request_validation(protocol, by=coordinator, members=[coordinator])
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(validation_round, coordinator).validated
    assert mail.outbox == []


def test_the_members_asked_by_default(structure, coordinator, member, team):
    members = [coordinator, *team]
    protocol = ProtocolFactory(structure=structure)
    # No profession and nobody named: everyone.
    assert default_members(protocol, members) == members
    protocol.professions.set(Profession.objects.filter(code="21"))
    assert default_members(protocol, members) == [team[2]]
    protocol.members.add(coordinator)
    assert default_members(protocol, members) == [coordinator, team[2]]


@pytest.mark.parametrize("size", [2, 12])
def test_the_to_do_list_shows_the_protocols_awaiting_the_members_answer_in_one_query(
    structure, coordinator, member, size, django_assert_num_queries
):
    for index in range(size):
        protocol = protocol_with_steps(1, structure=structure, title=f"Protocole {index}")
        ValidationRound.open(protocol, by=coordinator, members=[member, coordinator])
    answered = protocol_with_steps(1, structure=structure, title="Déjà répondu")
    done = ValidationRound.open(answered, by=coordinator, members=[member, coordinator])
    done.record_answer(member=member, answer=Answer.AGREE)
    with django_assert_num_queries(1):
        todos = dashboard.answer_todos(member)
    assert len(todos) == size
    assert not any("Déjà répondu" in todo.label for todo in todos)
    assert dashboard.answer_todos(UserFactory()) == []


def test_a_member_who_left_sees_no_to_do(structure, coordinator, member, protocol):
    ValidationRound.open(protocol, by=coordinator, members=[member])
    assert dashboard.answer_todos(member)
    leave(member)
    assert dashboard.answer_todos(member) == []


def test_one_request_in_progress_per_protocol_in_the_database(protocol, coordinator, team):
    ValidationRound.open(protocol, by=coordinator, members=team)
    with pytest.raises(IntegrityError), transaction.atomic():
        ValidationRound.objects.create(protocol=protocol, requested_by=coordinator)
