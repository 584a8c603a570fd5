"""Meetings: recurrence (« 2e mardi du mois »), one occurrence moved or
cancelled alone, case labels numbered per structure and year, answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp.enums import Answer, ItemKind, MeetingStatus, Mode, Purpose, Weekday
from protocols.rcp.models import AgendaItem, Meeting, MeetingSeries, allocate_case_label
from tests.factories import StructureFactory
from tests.protocols.rcp.factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def test_second_tuesday_of_the_month():
    dates = MeetingSeries.occurrences(2, Weekday.TUESDAY, datetime.date(2026, 1, 1), 6)
    assert dates == [
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 4, 14),
        datetime.date(2026, 5, 12),
        datetime.date(2026, 6, 9),
    ]


def test_last_thursday_of_the_month():
    dates = MeetingSeries.occurrences(-1, Weekday.THURSDAY, datetime.date(2026, 1, 1), 2)
    assert dates == [datetime.date(2026, 1, 29), datetime.date(2026, 2, 26)]


def _meeting_data(**extra):
    start = timezone.localdate() + datetime.timedelta(days=1)
    return {
        "title": "RCP mensuelle",
        "purpose": Purpose.COMPLEX,
        "date": start.isoformat(),
        "time": "12:30",
        "duration_minutes": 90,
        "mode": Mode.IN_PERSON,
        "place": "Maison de santé",
        "invite_all": "on",
        TOKEN_FIELD: new_token(),
        **extra,
    }


def test_a_series_creates_its_occurrences_each_movable_and_cancellable(
    client, structure, coordinator, member
):
    client.force_login(coordinator)
    data = _meeting_data(repeat="on", week_of_month=2, weekday=Weekday.TUESDAY, occurrences=4)
    response = client.post(reverse("rcp:meeting_create", args=[structure.pk]), data)
    assert response.status_code == 302
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 4
    series = meetings[0].series
    assert series.label == "2e mardi du mois"
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        assert local.weekday() == 1 and 8 <= local.day <= 14
        assert (local.hour, local.minute) == (12, 30)
        assert set(meeting.invitees.values_list("user_id", flat=True)) == {
            coordinator.pk,
            member.pk,
        }
    # A double click creates nothing more.
    client.post(reverse("rcp:meeting_create", args=[structure.pk]), data)
    assert Meeting.objects.count() == 4

    # Move the second one by a day: the others keep their date.
    second, third = meetings[1], meetings[2]
    moved = timezone.localtime(second.starts_at).date() + datetime.timedelta(days=1)
    edit = _meeting_data(date=moved.isoformat(), time="18:00")
    edit.pop(TOKEN_FIELD)
    response = client.post(reverse("rcp:meeting_edit", args=[second.pk]), edit)
    assert response.status_code == 302
    second.refresh_from_db()
    assert timezone.localtime(second.starts_at).date() == moved
    assert second.sequence == 1
    third_before = third.starts_at
    # Cancel the third: only it.
    client.post(reverse("rcp:meeting_cancel", args=[third.pk]), {TOKEN_FIELD: new_token()})
    third.refresh_from_db()
    assert third.status == MeetingStatus.CANCELLED and third.starts_at == third_before
    assert Meeting.objects.filter(status=MeetingStatus.SCHEDULED).count() == 3
    for untouched in (meetings[0], meetings[3]):
        stored = Meeting.objects.get(pk=untouched.pk)
        assert (stored.starts_at, stored.sequence) == (untouched.starts_at, 0)


def test_bad_input_changes_nothing(client, structure, coordinator):
    client.force_login(coordinator)
    data = _meeting_data(mode=Mode.ONLINE, place="", repeat="on", occurrences="")
    response = client.post(reverse("rcp:meeting_create", args=[structure.pk]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Indiquez le lien de visioconférence" in content
    assert "Précisez ce champ pour une réunion récurrente" in content
    assert not Meeting.objects.exists()


def test_case_labels_are_numbered_per_structure_and_year(structure, other_structure):
    meeting = MeetingFactory(structure=structure, starts_at=in_days(3))
    year = meeting.date.year
    first = AgendaItem.objects.create(meeting=meeting, kind=ItemKind.CASE, title="a")
    second = AgendaItem.objects.create(meeting=meeting, kind=ItemKind.CASE, title="b")
    topic = AgendaItem.objects.create(meeting=meeting, kind=ItemKind.PROTOCOL, title="c")
    elsewhere = AgendaItem.objects.create(
        meeting=MeetingFactory(structure=other_structure, starts_at=in_days(3)),
        kind=ItemKind.CASE,
        title="d",
    )
    assert (first.case_label, second.case_label) == (f"CAS-{year}-001", f"CAS-{year}-002")
    assert topic.case_label == ""
    assert elsewhere.case_label == f"CAS-{year}-001"
    assert allocate_case_label(structure, year + 1) == f"CAS-{year + 1}-001"
    # A label is kept when the item is edited.
    second.title = "b modifié"
    second.save()
    second.refresh_from_db()
    assert second.case_label == f"CAS-{year}-002"


def test_many_allocations_never_repeat_a_label():
    structure = StructureFactory()
    labels = [allocate_case_label(structure, 2026) for _ in range(30)]
    assert len(set(labels)) == 30
    assert labels[-1] == "CAS-2026-030"


def test_an_invited_member_answers_from_the_page(client, structure, member):
    meeting = MeetingFactory(structure=structure)
    client.force_login(member)
    response = client.post(reverse("rcp:respond", args=[meeting.pk]), {"answer": "excuse"})
    assert response.status_code == 302
    assert meeting.invitees.get(user=member).answer == Answer.EXCUSED
    page = client.get(reverse("rcp:meeting", args=[meeting.pk]))
    assert "Votre réponse actuelle : Absence excusée" in page.content.decode()


def test_attendance_recorded_after_the_meeting(client, structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    invitee = meeting.invitees.get(user=member)
    client.force_login(coordinator)
    data = {f"attendance_{i.pk}": "present" for i in meeting.invitees.all()}
    data[f"attendance_{invitee.pk}"] = "absent"
    assert client.post(reverse("rcp:attendance", args=[meeting.pk]), data).status_code == 302
    invitee.refresh_from_db()
    assert invitee.attendance == "absent"
    assert meeting.invitees.get(user=coordinator).attendance == "present"


def test_meeting_list_costs_a_fixed_number_of_queries(
    client, structure, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("rcp:structure", args=[structure.pk])
    client.get(url)  # warm the session and the caches
    MeetingFactory(structure=structure)
    # session, user, structure (private lookup), organiser check, count, page of meetings
    with django_assert_num_queries(QUERIES) as small:
        client.get(url)
    for _ in range(15):
        held = MeetingFactory(structure=structure, past=True)
        AgendaItem.objects.create(meeting=held, kind=ItemKind.CASE, title="x")
    with django_assert_num_queries(QUERIES) as large:
        response = client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
    assert response.content.decode().count("RCP mensuelle") >= 16


QUERIES = 6
