"""The personal calendar feed: a secret URL on the profile page, read without
signing in, revocable; parsed back with icalendar (Europe/Paris VTIMEZONE)."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.models import CalendarFeedToken
from tests.facilitations.factories import FollowUpFactory
from tests.protocols.rcp.factories import DecisionFactory, MeetingFactory
from tests.structures.factories import CarpecReviewFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_rcps_decisions_carpec_and_follow_ups(
    client, structure, other_structure, member, facilitation
):
    meeting = MeetingFactory(structure=structure)
    cancelled = MeetingFactory(structure=structure)
    cancelled.cancel()
    MeetingFactory(structure=other_structure)  # not theirs
    decision = DecisionFactory(meeting=MeetingFactory(structure=structure, past=True), owner=member)
    review = CarpecReviewFactory(structure=structure)
    follow_up = FollowUpFactory(facilitation=facilitation, assignee=member)

    client.force_login(member)
    response = client.post(reverse("calendar_feed_renew"))
    assert response.status_code == 302
    feed = CalendarFeedToken.objects.get(user=member)
    profile = client.get(reverse("profile")).content.decode()
    url = reverse("calendar_feed", kwargs={"token": feed.token})
    assert url in profile

    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"rcp-{meeting.pk}",
        f"rcp-{cancelled.pk}",
        f"rcp-{decision.meeting_id}",  # held 5 days ago: recent history stays
        f"rcp-decision-{decision.pk}",
        f"carpec-review-{review.pk}",
        f"followup-{follow_up.pk}",
    }
    assert events[f"rcp-{cancelled.pk}"]["STATUS"] == "CANCELLED"
    start = events[f"rcp-{meeting.pk}"].decoded("DTSTART")
    assert start == meeting.starts_at and str(start.tzinfo) == "Europe/Paris"
    assert events[f"rcp-decision-{decision.pk}"].decoded("DTSTART") == decision.due_date
    # Read without signing in: the meeting's title, never the decision's text (finding 13).
    assert decision.text not in response.content.decode()
    assert decision.meeting.title in str(events[f"rcp-decision-{decision.pk}"]["SUMMARY"])
    assert events[f"carpec-review-{review.pk}"].decoded("DTSTART") == review.session.date


def test_renewing_or_revoking_stops_the_old_url(client, member):
    client.force_login(member)
    client.post(reverse("calendar_feed_renew"))
    old = CalendarFeedToken.objects.get(user=member).token
    client.post(reverse("calendar_feed_renew"))
    new = CalendarFeedToken.objects.get(user=member).token
    assert new != old
    assert client.get(reverse("calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendar_feed", kwargs={"token": new})).status_code == 200
    client.post(reverse("calendar_feed_revoke"))
    assert client.get(reverse("calendar_feed", kwargs={"token": new})).status_code == 404
    assert not CalendarFeedToken.objects.exists()


def test_an_inactive_user_has_no_feed(client, member):
    feed = CalendarFeedToken.renew(member)
    member.is_active = False
    member.save()
    assert client.get(reverse("calendar_feed", kwargs={"token": feed.token})).status_code == 404


def test_feed_keeps_recent_history_only(client, structure, member):
    old = MeetingFactory(
        structure=structure, starts_at=timezone.now() - datetime.timedelta(days=200)
    )
    feed = CalendarFeedToken.renew(member)
    content = client.get(reverse("calendar_feed", kwargs={"token": feed.token})).content
    assert f"rcp-{old.pk}@".encode() not in content
