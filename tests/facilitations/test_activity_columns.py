"""The activity columns kept on a facilitation (last session, next planned
session, first open due date) follow the log through the models' save and
delete, and through `refresh_activity` after bulk writes."""

import datetime

import pytest
from django.utils import timezone

from facilitations.models import Facilitation, FollowUpAction
from tests.facilitations.factories import FollowUpFactory, SessionFactory

pytestmark = pytest.mark.django_db


def columns(facilitation):
    facilitation.refresh_from_db()
    return (
        facilitation.last_session_on,
        facilitation.next_planned_on,
        facilitation.open_followups_due_on,
    )


def test_sessions_and_follow_ups_keep_the_columns(facilitation):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert columns(facilitation) == (None, None, None)
    first = SessionFactory(
        facilitation=facilitation, date=today - 20 * day, next_date=today + 5 * day
    )
    assert columns(facilitation) == (today - 20 * day, today + 5 * day, None)
    latest = SessionFactory(
        facilitation=facilitation, date=today - 2 * day, next_date=today + 30 * day
    )
    assert columns(facilitation)[:2] == (today - 2 * day, today + 30 * day)
    late = FollowUpFactory(facilitation=facilitation, overdue=True)
    FollowUpFactory(facilitation=facilitation)
    assert columns(facilitation)[2] == late.due_date
    late.done_at = timezone.now()
    late.save()
    assert columns(facilitation)[2] == today + 7 * day
    latest.delete()
    assert columns(facilitation)[:2] == (first.date, first.next_date)


def test_overdue_rank_and_count(facilitation):
    FollowUpFactory(facilitation=facilitation, overdue=True)
    FollowUpFactory(facilitation=facilitation, overdue=True)
    row = Facilitation.objects.with_activity().get(pk=facilitation.pk)
    assert (row.has_overdue, row.overdue_count) == (0, 2)
    FollowUpAction.objects.filter(facilitation=facilitation).update(done_at=timezone.now())
    Facilitation.objects.filter(pk=facilitation.pk).refresh_activity()
    row = Facilitation.objects.with_activity().get(pk=facilitation.pk)
    assert (row.has_overdue, row.overdue_count) == (1, 0)


def test_a_plan_already_past_is_not_shown_as_next(facilitation):
    today = timezone.localdate()
    SessionFactory(
        facilitation=facilitation,
        date=today - datetime.timedelta(days=40),
        next_date=today - datetime.timedelta(days=10),
    )
    row = Facilitation.objects.with_activity().get(pk=facilitation.pk)
    assert row.next_session_date is None
    assert row.last_session_date == today - datetime.timedelta(days=40)
