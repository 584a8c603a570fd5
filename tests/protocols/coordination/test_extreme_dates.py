"""Issue 19, finding 8 (protocol part): a review on 9999-12-31, left by an
older version, broke the calendar feed of the team. The calendar source
skips and logs it; a data migration repairs such dates."""

import datetime
import importlib
import logging

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from gecolib.calendar import events_for
from gecolib.models import CalendarFeedToken
from protocols.coordination.enums import ProtocolStatus
from protocols.coordination.models import Protocol
from tests.protocols.coordination.factories import ProtocolFactory

pytestmark = pytest.mark.django_db

repair = importlib.import_module(
    "protocols.coordination.migrations.0006_repair_out_of_range_dates"
).repair


def _with_review(structure, title: str, review: datetime.date) -> Protocol:
    protocol = ProtocolFactory(structure=structure, title=title, status=ProtocolStatus.IN_USE)
    # As an older version let it be stored: past the model's checks.
    Protocol.objects.filter(pk=protocol.pk).update(review_date=review)
    return protocol


def test_a_review_on_9999_12_31_is_skipped_and_logged_not_a_broken_feed(
    client, structure, coordinator, caplog
):
    today = timezone.localdate()
    broken = _with_review(structure, "Révision impossible", datetime.date(9999, 12, 31))
    fine = _with_review(structure, "Plaies", today + datetime.timedelta(days=30))
    with caplog.at_level(logging.WARNING, logger="protocols.coordination.calendar"):
        events = [e for e in events_for(coordinator, today) if e.uid.startswith("protocol")]
    assert [e.uid for e in events] == [f"protocol-review-{fine.pk}@gecolib"]
    assert f"Protocol {broken.pk}" in caplog.text
    feed = CalendarFeedToken.renew(coordinator)
    response = client.get(reverse("calendar_feed", kwargs={"token": feed.token}))
    assert response.status_code == 200
    assert b"Plaies" in response.content and b"impossible" not in response.content


def test_the_migration_repairs_review_and_validation_dates_out_of_range(structure):
    validated = ProtocolFactory(structure=structure, status=ProtocolStatus.VALIDATED)
    never = ProtocolFactory(structure=structure, status=ProtocolStatus.IN_USE)
    ancient = ProtocolFactory(structure=structure, status=ProtocolStatus.IN_USE)
    fine = ProtocolFactory(structure=structure, status=ProtocolStatus.IN_USE)
    Protocol.objects.filter(pk=validated.pk).update(
        validated_on=datetime.date(2025, 3, 1), review_date=datetime.date(9999, 12, 31)
    )
    Protocol.objects.filter(pk=never.pk).update(review_date=datetime.date(1, 1, 1))
    Protocol.objects.filter(pk=ancient.pk).update(
        validated_on=datetime.date(1900, 1, 1), review_date=datetime.date(1901, 1, 1)
    )
    Protocol.objects.filter(pk=fine.pk).update(
        validated_on=datetime.date(2025, 5, 2), review_date=datetime.date(2026, 9, 1)
    )
    repair(apps, None)
    dates = dict(Protocol.objects.values_list("pk", "review_date"))
    assert dates == {
        validated.pk: datetime.date(2026, 3, 1),  # a year after the validation
        never.pk: None,
        ancient.pk: None,
        fine.pk: datetime.date(2026, 9, 1),
    }
    assert Protocol.objects.get(pk=ancient.pk).validated_on is None
