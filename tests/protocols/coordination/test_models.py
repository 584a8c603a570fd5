"""Coordination protocols: workflow, revisions, ACI count, library copies, access."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from protocols.coordination.enums import ProtocolStatus
from protocols.coordination.models import Protocol, aci_count
from protocols.coordination.models.parts import meeting_warning
from protocols.coordination.models.protocol import one_year_after
from structures.enums import StructureKind
from structures.models import AciRule
from tests.factories import MembershipFactory, StructureFactory, UserFactory
from tests.protocols.coordination.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeetingFactory,
    ProtocolFactory,
    protocol_with_steps,
)
from tests.structures.factories import restore_aci_rules

pytestmark = pytest.mark.django_db


def test_one_year_after_handles_the_29th_of_february():
    assert one_year_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
    assert one_year_after(datetime.date(2026, 3, 5)) == datetime.date(2027, 3, 5)


def test_validation_sets_the_date_the_members_and_a_review_a_year_later(structure, coordinator):
    protocol = protocol_with_steps(3, structure=structure)
    date = timezone.localdate() - datetime.timedelta(days=3)
    protocol.validate(by=coordinator, date=date, agreed_by=[coordinator])
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.VALIDATED
    assert protocol.validated_on == date
    assert protocol.review_date == one_year_after(date)
    assert list(protocol.agreed_by.all()) == [coordinator]
    assert protocol.revisions.first().comment.startswith("Validé par l'équipe le")


def test_validation_is_refused_without_steps_without_members_or_in_the_future(
    structure, coordinator
):
    empty = ProtocolFactory(structure=structure)
    with pytest.raises(ValidationError, match="sans étape"):
        empty.validate(by=coordinator, date=timezone.localdate(), agreed_by=[coordinator])
    protocol = protocol_with_steps(1, structure=structure)
    with pytest.raises(ValidationError, match="au moins un membre"):
        protocol.validate(by=coordinator, date=timezone.localdate(), agreed_by=[])
    with pytest.raises(ValidationError, match="futur"):
        protocol.validate(
            by=coordinator,
            date=timezone.localdate() + datetime.timedelta(days=1),
            agreed_by=[coordinator],
        )
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN


def test_the_status_workflow(structure, coordinator):
    protocol = protocol_with_steps(1, structure=structure)
    with pytest.raises(ValidationError):
        protocol.start_application(by=coordinator)
    protocol.validate(by=coordinator, date=timezone.localdate(), agreed_by=[coordinator])
    protocol.start_application(by=coordinator)
    assert protocol.status == ProtocolStatus.IN_USE
    protocol.ask_review(by=coordinator)
    assert protocol.is_editable
    protocol.archive(by=coordinator)
    with pytest.raises(ValidationError):
        protocol.archive(by=coordinator)
    protocol.reopen(by=coordinator)
    assert protocol.status == ProtocolStatus.DESIGN
    # Every change of status is a revision.
    assert protocol.revisions.count() == 5


def test_a_change_of_text_or_steps_is_a_revision_and_restore_brings_both_back(
    structure, coordinator
):
    protocol = protocol_with_steps(2, structure=structure, title="Chutes")
    first = protocol.save_revision(by=coordinator)
    assert protocol.save_revision(by=coordinator) is None  # nothing new
    protocol.title = "Chutes à domicile"
    protocol.save()
    protocol.steps.first().delete()
    protocol.save_revision(by=coordinator)
    new = protocol.restore(first, by=coordinator)
    protocol.refresh_from_db()
    assert new.number == 3 and new.restored_from == first
    assert protocol.title == "Chutes"
    assert protocol.steps.count() == 2


def test_restore_is_refused_once_validated(structure, coordinator):
    protocol = protocol_with_steps(1, structure=structure)
    first = protocol.save_revision(by=coordinator)
    protocol.validate(by=coordinator, date=timezone.localdate(), agreed_by=[coordinator])
    with pytest.raises(ValidationError, match="à réviser"):
        protocol.restore(first, by=coordinator)


def test_aci_counts_protocols_in_application_of_an_msp_up_to_eight():
    restore_aci_rules()
    msp = StructureFactory(kind=StructureKind.MSP)
    for _ in range(9):
        ProtocolFactory(structure=msp, in_use=True)
    ProtocolFactory(structure=msp, validated=True)
    aci = aci_count(msp).estimate
    assert (aci.count, aci.counted, aci.points, aci.max_points) == (9, 8, 800, 800)
    # 7 € a point (the rule loaded by structures' migration 0009).
    assert aci.amount == Decimal("5600.00") and aci.amount_label == "5\u00a0600\u00a0€"
    esp = StructureFactory(kind=StructureKind.ESP)
    assert aci_count(esp) is None
    three = StructureFactory(kind=StructureKind.MSP)
    for _ in range(3):
        ProtocolFactory(structure=three, in_use=True)
    assert aci_count(three).estimate.points == 300


def test_aci_follows_the_rule_staff_keep():
    """A new avenant is an edit of the rule: the count follows it at once."""
    restore_aci_rules()
    msp = StructureFactory(kind=StructureKind.MSP)
    for _ in range(3):
        ProtocolFactory(structure=msp, in_use=True)
    AciRule.objects.filter(code="protocoles").update(
        points_per_unit=120, max_units=2, point_value=Decimal("7.50")
    )
    aci = aci_count(msp).estimate
    assert (aci.counted, aci.points, aci.max_points, aci.amount) == (2, 240, 240, 1800)
    # A rule moved to another kind of structure: the MSP shows no ACI any more.
    AciRule.objects.filter(code="protocoles").update(structure_kind=StructureKind.HEALTH_CENTRE)
    assert aci_count(msp) is None


def test_sharing_needs_a_validated_protocol_and_leaving_validation_unshares(structure, coordinator):
    draft = protocol_with_steps(1, structure=structure)
    with pytest.raises(ValidationError, match="validé"):
        draft.share(by=coordinator, show_structure=True)
    draft.validate(by=coordinator, date=timezone.localdate(), agreed_by=[coordinator])
    draft.share(by=coordinator, show_structure=False)
    assert draft.shared and draft.library_source() == "Une équipe du réseau GECO Lib'"
    draft.ask_review(by=coordinator)
    draft.refresh_from_db()
    assert not draft.shared


def test_a_copy_is_a_draft_linked_to_its_origin(structure, coordinator, other_structure):
    origin = protocol_with_steps(3, structure=structure, shared_with_network=True)
    indicator = IndicatorFactory(protocol=origin)
    IndicatorValueFactory(indicator=indicator)
    MeetingFactory(protocol=origin)
    copier = MembershipFactory(structure=other_structure, coordinator=True).user
    copy = origin.copy_to(other_structure, by=copier)
    assert copy.status == ProtocolStatus.DESIGN
    assert copy.copied_from == origin and origin.structure.name in copy.origin
    assert copy.steps.count() == 3
    assert copy.indicators.count() == 1
    assert not copy.indicators.first().values.exists()
    assert not copy.meetings.exists()
    assert copy.revisions.count() == 1


def test_meeting_warning_past_three_meetings_or_six_hours(structure):
    protocol = ProtocolFactory(structure=structure)
    for _ in range(3):
        MeetingFactory(protocol=protocol, duration_minutes=120)
    assert meeting_warning(protocol.meetings.all()) is None
    MeetingFactory(protocol=protocol, duration_minutes=30)
    assert meeting_warning(protocol.meetings.all()) == {"count": 4, "hours": 6.5}
    long = ProtocolFactory(structure=structure)
    MeetingFactory(protocol=long, duration_minutes=400)
    assert meeting_warning(long.meetings.all()) == {"count": 1, "hours": 6.7}


def test_visible_to(structure, member, other_member, professional, staff, facilitation):
    own = ProtocolFactory(structure=structure)
    shared = ProtocolFactory(structure=StructureFactory(), shared_with_network=True)
    hidden = ProtocolFactory(structure=StructureFactory())
    assert set(Protocol.objects.visible_to(member)) == {own, shared}
    assert set(Protocol.objects.visible_to(professional)) == {shared}
    assert set(Protocol.objects.visible_to(other_member)) == {shared}
    assert set(Protocol.objects.visible_to(staff)) == {own, shared, hidden}
    assert set(Protocol.objects.visible_to(facilitation.assignments.first().user)) == {
        own,
        shared,
    }
    assert not Protocol.objects.visible_to(AnonymousUser()).exists()


def test_a_past_member_named_author_no_longer_edits(structure):
    author = MembershipFactory(structure=structure).user
    protocol = ProtocolFactory(structure=structure)
    protocol.authors.add(author)
    assert Protocol.objects.editable_by(author).filter(pk=protocol.pk).exists()
    membership = author.memberships.get()
    membership.end_date = timezone.localdate()
    membership.save()
    assert not Protocol.objects.editable_by(author).exists()
    outsider = UserFactory()
    protocol.authors.add(outsider)
    assert not Protocol.objects.editable_by(outsider).exists()
