"""Recurring meetings: the dates of a new series that fall on a French public
holiday are flagged (« Le lundi 6 avril 2026 est le lundi de Pâques, jour
férié ») with a one-click move to the next working day; a change of one
meeting of a series goes, if asked, to the following ones (time, length,
mode, place, video link), whose invited members are told as for a single
change."""

import datetime

import holidays
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gecolib.calendar import PARIS
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.templatetags.french_dates import date_fr
from protocols.rcp import invitations
from protocols.rcp.enums import MeetingStatus, Mode, Purpose
from protocols.rcp.models import Meeting, MeetingSeries
from protocols.rcp.series import (
    holiday_name,
    holiday_notice,
    is_working_day,
    move_off_holiday,
    next_working_day,
)
from tests.protocols.rcp.factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("day", "name", "next_day"),
    [
        (datetime.date(2026, 4, 6), "le lundi de Pâques", datetime.date(2026, 4, 7)),
        # Ascension is a Thursday: the Friday after is a working day.
        (datetime.date(2026, 5, 14), "l'Ascension", datetime.date(2026, 5, 15)),
        # 1 May 2026 is a Friday: past the weekend.
        (datetime.date(2026, 5, 1), "la fête du Travail", datetime.date(2026, 5, 4)),
        (datetime.date(2026, 12, 25), "Noël", datetime.date(2026, 12, 28)),
        (datetime.date(2026, 7, 14), "la fête nationale", datetime.date(2026, 7, 15)),
        (datetime.date(2026, 11, 11), "l'Armistice", datetime.date(2026, 11, 12)),
    ],
)
def test_french_public_holidays_and_the_next_working_day(day, name, next_day):
    assert holiday_name(day) == name
    assert not is_working_day(day)
    assert next_working_day(day) == next_day


def test_ordinary_days():
    assert holiday_name(datetime.date(2026, 4, 7)) is None
    assert is_working_day(datetime.date(2026, 4, 7))
    assert not is_working_day(datetime.date(2026, 4, 11))  # a Saturday


def test_the_notice_says_the_day_and_the_holiday():
    meeting = MeetingFactory.build(
        starts_at=datetime.datetime(2026, 4, 6, 12, 30, tzinfo=PARIS), title="RCP"
    )
    notice = holiday_notice(meeting)
    assert notice.text == "Le lundi 6 avril 2026 est le lundi de Pâques, jour férié."
    assert notice.next_day == datetime.date(2026, 4, 7)


# -- a new series -----------------------------------------------------------------------


def _future_weekday_holiday() -> datetime.date:
    """A weekday public holiday at least a month away, in its month's first
    four weeks (so that a « Ne jour du mois » rule meets it)."""
    today = timezone.localdate()
    days = holidays.France(years=range(today.year, today.year + 3), language="fr")
    return min(
        day
        for day in days
        if day > today + datetime.timedelta(days=30) and day.weekday() < 5 and day.day <= 28
    )


def _series_data(first: datetime.date, **extra) -> dict:
    return {
        "title": "RCP mensuelle",
        "purpose": Purpose.COMPLEX,
        "date": first.replace(day=1).isoformat(),
        "time": "12:30",
        "duration_minutes": 90,
        "mode": Mode.IN_PERSON,
        "place": "Maison de santé",
        "invite_all": "on",
        "repeat": "on",
        "week_of_month": (first.day - 1) // 7 + 1,
        "weekday": first.weekday(),
        "occurrences": 3,
        TOKEN_FIELD: new_token(),
        **extra,
    }


def test_a_new_series_flags_its_holidays_with_a_move_to_the_next_working_day(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    holiday = _future_weekday_holiday()
    client = client_for(coordinator)
    response = client.post(
        reverse("rcp:meeting_create", args=[structure.pk]), _series_data(holiday)
    )
    series = MeetingSeries.objects.get()
    assert response["Location"] == reverse("rcp:series", args=[series.pk])
    page = _html(client.get(response["Location"]))
    assert "3 réunions ont été créées" in page
    assert "Une de ces dates est un jour férié : voyez ci-dessous." in page
    day_text = date_fr(holiday, "l j F Y")
    assert f"Le {day_text} est {holiday_name(holiday)}, jour férié." in page
    target = next_working_day(holiday)
    assert f"Déplacer au {date_fr(target, 'l j F Y')}" in page
    # One click moves it, at the same time; a double click moves it once.
    meeting = Meeting.objects.get(starts_at__date=holiday)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    mail.outbox.clear()
    url = reverse("rcp:meeting_move_off_holiday", args=[meeting.pk])
    token = new_token()
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(2):
            response = client.post(url, {TOKEN_FIELD: token, "back": "series"})
    assert response["Location"] == reverse("rcp:series", args=[series.pk])
    meeting.refresh_from_db()
    local = timezone.localtime(meeting.starts_at)
    assert local.date() == target and (local.hour, local.minute) == (12, 30)
    assert meeting.sequence == 1
    page = _html(client.get(reverse("rcp:series", args=[series.pk])))
    assert ", jour férié." not in page and "Déplacer au" not in page
    # Its invited members are told, as for any change of date.
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "change de date :" in message.body
    assert len([m for m in mail.outbox if m.to == [member.email]]) == 1


def test_a_series_without_holidays_says_nothing_of_them(client_for, structure, coordinator):
    # The second Tuesday of the month is never a French public holiday but in
    # July some years (14 July) and November (11 November): start in January.
    year = timezone.localdate().year + 1
    first = datetime.date(year, 1, 8)
    first += datetime.timedelta(days=(1 - first.weekday()) % 7)
    client = client_for(coordinator)
    response = client.post(
        reverse("rcp:meeting_create", args=[structure.pk]),
        _series_data(first, occurrences=3),
        follow=True,
    )
    page = _html(response)
    assert "3 réunions ont été créées (2e mardi du mois)." in page
    assert ", jour férié." not in page and "Déplacer au" not in page


def test_the_meeting_page_flags_a_holiday_too(client_for, structure, coordinator, member):
    holiday = _future_weekday_holiday()
    meeting = MeetingFactory(
        structure=structure,
        starts_at=datetime.datetime.combine(holiday, datetime.time(18), tzinfo=PARIS),
    )
    expected = f"Le {date_fr(holiday, 'l j F Y')} est {holiday_name(holiday)}, jour férié."
    organiser_page = _html(client_for(coordinator).get(meeting.get_absolute_url()))
    assert expected in organiser_page and "Déplacer au " in organiser_page
    # Members read the notice; only organisers move the meeting.
    member_page = _html(client_for(member).get(meeting.get_absolute_url()))
    assert expected in member_page and "Déplacer au " not in member_page
    url = reverse("rcp:meeting_move_off_holiday", args=[meeting.pk])
    response = client_for(coordinator).post(url, {TOKEN_FIELD: new_token()}, follow=True)
    assert "est déplacée au " + date_fr(next_working_day(holiday), "l j F Y") in _html(response)
    meeting.refresh_from_db()
    assert meeting.date == next_working_day(holiday)


def test_a_meeting_not_on_a_holiday_or_past_does_not_move(client_for, structure, coordinator):
    ordinary = MeetingFactory(structure=structure)
    if holiday_name(ordinary.date):  # pragma: no cover - the factory's day, in 10 days
        ordinary.starts_at += datetime.timedelta(days=1)
        ordinary.save()
    before = ordinary.starts_at
    client = client_for(coordinator)
    url = reverse("rcp:meeting_move_off_holiday", args=[ordinary.pk])
    response = client.post(url, {TOKEN_FIELD: new_token()}, follow=True)
    assert "Cette RCP ne tombe pas un jour férié." in _html(response)
    ordinary.refresh_from_db()
    assert ordinary.starts_at == before
    past = MeetingFactory(
        structure=structure, starts_at=datetime.datetime(2024, 12, 25, 12, 30, tzinfo=PARIS)
    )
    assert not holiday_notice(past).movable
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        move_off_holiday(past)
    cancelled = MeetingFactory(
        structure=structure, starts_at=datetime.datetime(2099, 12, 25, 12, 30, tzinfo=PARIS)
    )
    cancelled.cancel()
    with pytest.raises(ValidationError, match="annulée"):
        move_off_holiday(cancelled)


# -- this meeting and the following ones ----------------------------------------------


@pytest.fixture
def monthly(structure, coordinator):
    """Four meetings of a series, a month apart, from in ten days."""
    series = MeetingSeries.objects.create(
        structure=structure, week_of_month=1, weekday=0, created_by=coordinator
    )
    return [
        MeetingFactory(structure=structure, series=series, starts_at=in_days(10 + 28 * n))
        for n in range(4)
    ]


def _edit_data(meeting, **changes) -> dict:
    local = timezone.localtime(meeting.starts_at)
    return {
        "title": meeting.title,
        "purpose": meeting.purpose,
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration_minutes": meeting.duration_minutes,
        "mode": meeting.mode,
        "place": meeting.place,
        "video_link": meeting.video_link,
        **changes,
    }


def _local(meeting) -> tuple[datetime.date, datetime.time]:
    meeting.refresh_from_db()
    local = timezone.localtime(meeting.starts_at)
    return local.date(), local.time()


def test_the_edit_form_offers_the_following_meetings(client_for, monthly, coordinator):
    client = client_for(coordinator)
    page = _html(client.get(reverse("rcp:meeting_edit", args=[monthly[1].pk])))
    assert "Cette réunion seulement" in page
    assert "Cette réunion et les 2 suivantes de la série" in page
    page = _html(client.get(reverse("rcp:meeting_edit", args=[monthly[2].pk])))
    assert "Cette réunion et la suivante de la série" in page
    # The last one, and a meeting of no series: no choice.
    page = _html(client.get(reverse("rcp:meeting_edit", args=[monthly[3].pk])))
    assert "Cette réunion seulement" not in page
    single = MeetingFactory(structure=monthly[0].structure)
    page = _html(client.get(reverse("rcp:meeting_edit", args=[single.pk])))
    assert "Cette réunion seulement" not in page


def test_this_meeting_and_the_following_ones(
    client_for, monthly, coordinator, member, django_capture_on_commit_callbacks
):
    first, second, third, fourth = monthly
    third.cancel()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(fourth)
    mail.outbox.clear()
    days = {meeting.pk: _local(meeting)[0] for meeting in monthly}
    data = _edit_data(
        second,
        title="RCP d'automne",
        time="18:00",
        duration_minutes=60,
        place="Mairie, salle du conseil",
        scope="following",
    )
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rcp:meeting_edit", args=[second.pk]), data, follow=True)
    assert "La RCP et la suivante de la série ont été modifiées." in _html(response)
    for meeting in (second, fourth):
        day, time = _local(meeting)
        assert day == days[meeting.pk] and time == datetime.time(18)
        assert meeting.duration_minutes == 60 and meeting.place == "Mairie, salle du conseil"
        assert meeting.sequence == 1
    # The title is this meeting's only; the first (before) and the cancelled one keep theirs.
    assert fourth.title != "RCP d'automne" and second.title == "RCP d'automne"
    for meeting in (first, third):
        before = (meeting.starts_at, meeting.place, meeting.duration_minutes)
        meeting.refresh_from_db()
        assert (meeting.starts_at, meeting.place, meeting.duration_minutes) == before
    # The fourth's agenda had gone out: its invited members are told, as for one change.
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "change d'horaire et de lieu :" in message.body
    assert "change de date" not in message.body


def test_this_meeting_only(client_for, monthly, coordinator):
    first, second, third, fourth = monthly
    data = _edit_data(first, time="18:00", scope="this")
    client_for(coordinator).post(reverse("rcp:meeting_edit", args=[first.pk]), data)
    assert _local(first)[1] == datetime.time(18)
    for meeting in (second, third, fourth):
        assert _local(meeting)[1] == datetime.time(12, 30) and meeting.sequence == 0


def test_only_what_changed_goes_to_the_following_meetings(client_for, monthly, coordinator):
    first, second, *_rest = monthly
    # The second was moved on its own to 14:00; the first changes its place only.
    second.apply_changes(starts_at=second.starts_at.replace(hour=13))
    kept = _local(second)[1]
    data = _edit_data(first, place="Mairie", scope="following")
    client_for(coordinator).post(reverse("rcp:meeting_edit", args=[first.pk]), data)
    assert _local(second)[1] == kept and second.place == "Mairie"


def test_a_following_meeting_that_cannot_take_the_change_stops_it_all(
    client_for, monthly, coordinator
):
    first, second, third, _fourth = monthly
    # The third is held online, without a place.
    third.apply_changes(mode=Mode.ONLINE, place="", video_link="https://visio.exemple.fr/a")
    # The first becomes hybrid (its place kept): the third would have no place.
    data = _edit_data(
        first, mode=Mode.HYBRID, video_link="https://visio.exemple.fr/b", scope="following"
    )
    response = client_for(coordinator).post(reverse("rcp:meeting_edit", args=[first.pk]), data)
    assert response.status_code == 200
    html = _html(response)
    assert f"La RCP du {date_fr(third.date, 'l j F Y')} ne peut pas prendre ce changement" in html
    assert "Indiquez le lieu de la réunion." in html
    for meeting in (first, second):
        meeting.refresh_from_db()
        assert meeting.mode == Mode.IN_PERSON and meeting.sequence == 0


def test_past_meetings_of_the_series_do_not_change(client_for, structure, coordinator):
    series = MeetingSeries.objects.create(structure=structure, week_of_month=1, weekday=0)
    earlier = MeetingFactory(structure=structure, series=series, starts_at=in_days(-40))
    held = MeetingFactory(structure=structure, series=series, starts_at=in_days(-10))
    coming = MeetingFactory(structure=structure, series=series, starts_at=in_days(20))
    data = _edit_data(earlier, place="Mairie", scope="following")
    client_for(coordinator).post(reverse("rcp:meeting_edit", args=[earlier.pk]), data)
    held.refresh_from_db()
    coming.refresh_from_db()
    assert held.place != "Mairie" and coming.place == "Mairie"
    assert coming.status == MeetingStatus.SCHEDULED


def test_the_series_page_costs_a_fixed_number_of_queries(
    client_for, django_assert_num_queries, structure, coordinator
):
    series = MeetingSeries.objects.create(structure=structure, week_of_month=1, weekday=0)
    url = reverse("rcp:series", args=[series.pk])
    client = client_for(coordinator)
    client.get(url)  # warm the session and the caches
    MeetingFactory(structure=structure, series=series, starts_at=in_days(5))
    # session, user, the series (readers' lookup), count, page of meetings, organiser check
    with django_assert_num_queries(SERIES_QUERIES) as small:
        client.get(url)
    for n in range(1, 15):
        MeetingFactory(structure=structure, series=series, starts_at=in_days(5 + 28 * n))
    with django_assert_num_queries(SERIES_QUERIES) as large:
        response = client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
    assert _html(response).count("RCP mensuelle") == 15


SERIES_QUERIES = 6
