"""French wording of the RCPs: a meeting whose title already says RCP is
never « la RCP « RCP de rentrée » » nor, in calendars, « RCP – RCP de
rentrée »; a changed meeting's e-mail says what changed (« change de date »
only when the day moved, « change d'horaire » when only the time or the
length did, « change de lieu »); counts agree with their number (« 1 membre »,
« 2 membres »)."""

import datetime
import re
from types import SimpleNamespace

import icalendar
import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.notifications import render_email
from protocols.rcp import calendar as rcp_calendar
from protocols.rcp import invitations
from protocols.rcp.figures import YearFigures
from protocols.rcp.models import CHANGE_DATE, CHANGE_PLACE, CHANGE_TIME, Invitee
from tests.protocols.rcp.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

# « RCP « RCP … », « RCP RCP », « RCP – RCP »: the same word twice in a row.
DOUBLED = re.compile(r"\bRCP\W+RCP\b")


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("RCP de rentrée", "RCP de rentrée"),
        ("La RCP du secteur", "RCP du secteur"),
        ("rcp plaies chroniques", "rcp plaies chroniques"),
        ("R.C.P. mensuelle", "R.C.P. mensuelle"),
        ("Plaies chroniques", "RCP « Plaies chroniques »"),
        ("RCPP", "RCP « RCPP »"),
    ],
)
def test_a_meeting_is_named_without_saying_rcp_twice(title, named):
    assert MeetingFactory.build(title=title).named == named


def _emails(meeting, decision) -> dict[str, tuple[str, str]]:
    """Every RCP e-mail that names the meeting, rendered for it."""
    url = "https://portail.exemple.fr/rcp/"
    links = [("Je serai là", url)]
    return {
        "agenda": render_email(
            "rcp/emails/agenda",
            {
                **invitations.agenda_context(meeting, "anne@exemple.fr"),
                "answer_links": links,
            },
        ),
        "cancelled": render_email("rcp/emails/cancelled", {"meeting": meeting}),
        "tomorrow": render_email(
            "rcp/emails/meeting_tomorrow", {"meeting": meeting, "meeting_url": url}
        ),
        "minutes": render_email(
            "rcp/emails/minutes",
            {"meeting": meeting, "revision": SimpleNamespace(number=1), "minutes_url": url},
        ),
        "minutes_late": render_email(
            "rcp/emails/minutes_late", {"meeting": meeting, "days": 3, "meeting_url": url}
        ),
        "decision_due": render_email(
            "rcp/emails/decision_due", {"decision": decision, "meeting_url": url}
        ),
        "decision_overdue": render_email(
            "rcp/emails/decision_overdue", {"decision": decision, "meeting_url": url}
        ),
        "rescheduled": render_email(
            "rcp/emails/rescheduled",
            {
                "meeting": meeting,
                "answer_links": links,
                "organizer": "anne@exemple.fr",
                **invitations.change_context(frozenset({CHANGE_DATE})),
            },
        ),
    }


def test_the_emails_of_a_meeting_titled_rcp_say_rcp_once(structure):
    meeting = MeetingFactory(structure=structure, title="RCP de rentrée")
    decision = DecisionFactory(meeting=meeting)
    for name, (subject, body) in _emails(meeting, decision).items():
        text = f"{subject}\n{body}"
        assert not DOUBLED.search(text), (name, text)
        assert "« RCP de rentrée »" not in text, name
    bodies = {name: body for name, (_subject, body) in _emails(meeting, decision).items()}
    assert "La RCP de rentrée de " in bodies["cancelled"]
    assert "Une décision de la RCP de rentrée de" in bodies["decision_due"]
    assert "Le compte rendu de la RCP de rentrée de" in bodies["minutes"]
    # No gender guessed: « vous faisiez partie des personnes invitées ».
    assert "étiez invité" not in bodies["minutes"] and "personnes invitées" in bodies["minutes"]
    assert "Invitation à la RCP de rentrée de" in bodies["agenda"]


def test_the_emails_of_another_title_quote_it_after_rcp(structure):
    meeting = MeetingFactory(structure=structure, title="Plaies chroniques")
    decision = DecisionFactory(meeting=meeting)
    for name, (_subject, body) in _emails(meeting, decision).items():
        assert "RCP « Plaies chroniques »" in body, name


def test_the_minutes_late_email_counts_its_days(structure):
    meeting = MeetingFactory(structure=structure, past=True)
    url = "https://portail.exemple.fr/rcp/"
    _subject, body = render_email(
        "rcp/emails/minutes_late", {"meeting": meeting, "days": 1, "meeting_url": url}
    )
    assert "il y a 1 jour :" in body
    _subject, body = render_email(
        "rcp/emails/minutes_late", {"meeting": meeting, "days": 7, "meeting_url": url}
    )
    assert "il y a 7 jours :" in body


def test_the_calendar_summary_says_rcp_once(structure, member):
    titled = MeetingFactory(structure=structure, title="RCP de rentrée")
    other = MeetingFactory(structure=structure, title="Plaies chroniques")
    assert titled.calendar_event().summary == f"RCP de rentrée ({structure.name})"
    assert other.calendar_event().summary == f"RCP – Plaies chroniques ({structure.name})"
    ics = icalendar.Calendar.from_ical(invitations.meeting_ics(titled))
    (event,) = [c for c in ics.walk() if c.name == "VEVENT"]
    assert str(event["SUMMARY"]) == f"RCP de rentrée ({structure.name})"
    decision = DecisionFactory(meeting=titled, owner=member)
    assert rcp_calendar.decision_event(decision).summary == (
        "Échéance d'une décision de la RCP de rentrée"
    )
    decision = DecisionFactory(meeting=other, owner=member)
    assert rcp_calendar.decision_event(decision).summary == (
        "Échéance d'une décision de la RCP « Plaies chroniques »"
    )


def test_the_cancel_confirmation_names_the_meeting_once(client_for, structure, coordinator):
    meeting = MeetingFactory(structure=structure, title="RCP de rentrée")
    html = _html(client_for(coordinator).get(reverse("rcp:meeting_cancel", args=[meeting.pk])))
    assert "Annuler la RCP de rentrée ?" in html
    assert "La RCP de rentrée du " in html
    assert not DOUBLED.search(html.replace("<", " <"))


# -- what a change says ------------------------------------------------------------------


def _edit(client, meeting, **changes):
    local = timezone.localtime(meeting.starts_at)
    data = {
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
    return client.post(reverse("rcp:meeting_edit", args=[meeting.pk]), data)


@pytest.fixture
def sent_meeting(structure, coordinator, member, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(structure=structure, title="RCP de rentrée", starts_at=in_days(12))
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    mail.outbox.clear()
    meeting.refresh_from_db()
    return meeting


def _update_to(member):
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    return message


def test_a_new_day_says_change_de_date(
    client_for, sent_meeting, coordinator, member, django_capture_on_commit_callbacks
):
    new_day = sent_meeting.date + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client_for(coordinator), sent_meeting, date=new_day.isoformat())
    message = _update_to(member)
    assert "La RCP de rentrée de " in message.body and "change de date :" in message.body
    assert "change d'horaire" not in message.body
    assert "Serez-vous là à la nouvelle date ?" in message.body
    assert "RCP déplacée au " in message.subject


def test_a_new_time_the_same_day_says_change_d_horaire(
    client_for, sent_meeting, coordinator, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client_for(coordinator), sent_meeting, time="14:00")
    message = _update_to(member)
    assert "change d'horaire :" in message.body
    assert "change de date" not in message.body and "nouvelle date" not in message.body
    assert "Serez-vous là au nouvel horaire ?" in message.body
    assert "Nouvel horaire de la RCP du " in message.subject
    assert "14:00–15:30" in message.subject
    sent_meeting.refresh_from_db()
    assert sent_meeting.sequence == 1


def test_a_new_length_says_change_d_horaire(
    client_for, sent_meeting, coordinator, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client_for(coordinator), sent_meeting, duration_minutes=60)
    message = _update_to(member)
    assert "change d'horaire :" in message.body and "change de date" not in message.body


def test_a_new_place_says_change_de_lieu_and_updates_the_calendars(
    client_for, sent_meeting, coordinator, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client_for(coordinator), sent_meeting, place="Mairie, salle du conseil")
    assert response.status_code == 302
    message = _update_to(member)
    assert "change de lieu :" in message.body and "Mairie, salle du conseil" in message.body
    assert "change de date" not in message.body and "change d'horaire" not in message.body
    assert "Nouveau lieu pour la RCP du " in message.subject
    (attachment,) = message.attachments
    event = next(
        c for c in icalendar.Calendar.from_ical(attachment[1]).walk() if c.name == "VEVENT"
    )
    assert str(event["LOCATION"]) == "Mairie, salle du conseil" and event["SEQUENCE"] == 1


def test_a_new_day_and_place_say_both(sent_meeting):
    context = invitations.change_context(frozenset({CHANGE_DATE, CHANGE_PLACE}))
    _subject, body = render_email(
        "rcp/emails/rescheduled",
        {"meeting": sent_meeting, "answer_links": [], "organizer": "a@b.fr", **context},
    )
    assert "change de date et de lieu :" in body
    context = invitations.change_context(frozenset({CHANGE_TIME, CHANGE_PLACE}))
    _subject, body = render_email(
        "rcp/emails/rescheduled",
        {"meeting": sent_meeting, "answer_links": [], "organizer": "a@b.fr", **context},
    )
    assert "change d'horaire et de lieu :" in body


def test_a_title_only_change_sends_nothing(
    client_for, sent_meeting, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client_for(coordinator), sent_meeting, title="RCP de septembre")
    assert mail.outbox == []
    sent_meeting.refresh_from_db()
    assert sent_meeting.sequence == 0 and sent_meeting.title == "RCP de septembre"


# -- counts ------------------------------------------------------------------------------


def test_the_agenda_sent_message_counts_the_members(
    client_for, structure, coordinator, member, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    meeting = MeetingFactory(structure=structure)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:agenda_send", args=[meeting.pk]), {TOKEN_FIELD: new_token()}, follow=True
        )
    assert "envoyés à 2 membres." in _html(response)
    alone = MeetingFactory(structure=structure, invite_all=False)
    Invitee.objects.create(meeting=alone, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:agenda_send", args=[alone.pk]), {TOKEN_FIELD: new_token()}, follow=True
        )
    html = _html(response)
    assert "envoyés à 1 membre." in html and "membre(s)" not in html


def test_the_planned_minutes_agree_with_their_number(client_for, structure, member):
    meeting = MeetingFactory(structure=structure)
    AgendaItemFactory(meeting=meeting, planned_minutes=1)
    client = client_for(member)
    assert "Durée prévue des points : 1 minute." in _html(client.get(meeting.get_absolute_url()))
    AgendaItemFactory(meeting=meeting, planned_minutes=20)
    assert "Durée prévue des points : 21 minutes." in _html(client.get(meeting.get_absolute_url()))


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            (1, 1, 1, 1),
            "1 RCP tenue (objectif : 6 par an), 1 situation examinée, 1 décision prise "
            "dont 1 réalisée.",
        ),
        (
            (4, 3, 2, 0),
            "4 RCP tenues (objectif : 6 par an), 3 situations examinées, 2 décisions prises "
            "dont aucune réalisée.",
        ),
        (
            (2, 0, 0, 0),
            "2 RCP tenues (objectif : 6 par an), aucune situation examinée, aucune décision prise.",
        ),
    ],
)
def test_the_health_project_figures_agree_with_their_numbers(counts, expected):
    held, situations, made, done = counts
    figures = YearFigures(
        year=2026, held=held, situations=situations, decisions={"made": made, "done": done}
    )
    html = render_to_string("rcp/_insert.html", {"insert": {"context": {"figures": figures}}})
    assert expected in " ".join(html.split())


def test_the_structure_page_names_the_next_meeting_once(client_for, structure, member):
    meeting = MeetingFactory(structure=structure, title="RCP de rentrée")
    html = _html(client_for(member).get(reverse("structures:detail", args=[structure.pk])))
    assert "Prochaine réunion :" in html and meeting.title in html
    assert not DOUBLED.search(re.sub(r"<[^>]+>", " ", html))


def test_no_count_of_zero(
    client_for, structure, coordinator, staff, django_capture_on_commit_callbacks
):
    """French says « aucune », not « 0 RCP tenues »."""
    html = _html(client_for(staff).get(reverse("rcp:figures_all") + "?year=2015"))
    assert "Aucune RCP tenue ; aucune structure n'a atteint l'objectif de 6 RCP." in html
    nobody = MeetingFactory(structure=structure, invite_all=False)
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:agenda_send", args=[nobody.pk]), {TOKEN_FIELD: new_token()}, follow=True
        )
    html = _html(response)
    assert "personne n'est invité : aucun e-mail n'est parti." in html
    assert "0 membre" not in html
    past = MeetingFactory(structure=structure, invite_all=False, past=True)
    html = _html(client.get(reverse("rcp:minutes_validate", args=[past.pk])))
    assert "Personne n'est invité à cette RCP : aucun e-mail ne partira." in html
    assert "Les 0 membres" not in html
