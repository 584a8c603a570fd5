"""Demo RCPs: a year of monthly meetings (2e mardi du mois) in the demo ESP,
coordinated by the demo professional — pseudonymous cases, attendance,
validated minutes, decisions in every state — one meeting cancelled, the
minutes of the last one still to write, the next one with its agenda sent
(answers: there, excused, maybe; two outside guests, an SSIAD nurse who
answered and a cardiologist who has not), and the one after with an item a
member proposed, waiting for the coordinator. A second, shorter series
(« RCP plaies chroniques ») starts on the next weekday public holiday, which
its page flags with the move to the next working day. Idempotent: nothing is
added once the ESP has RCPs."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gecolib.calendar import PARIS
from gecolib.demo import register_demo
from gecolib.models import User
from structures.models import Structure

from .enums import (
    Answer,
    Attendance,
    DecisionStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    Mode,
    Purpose,
)
from .enums import Weekday as W
from .minutes import minutes_content
from .models import AgendaItem, Decision, Guest, Meeting, MeetingSeries
from .series import holiday_name

DEMO_ESP = "ESP de Lamballe-Penthièvre"
COORDINATOR = "professionnel@demo.gecolib.fr"
PLACE = "Maison de santé de Lamballe, salle de réunion du 1er étage"

CASES = [
    (
        "Patiente de 84 ans, chutes répétées à domicile",
        "Vit seule, trois chutes en deux mois, refuse le portage des repas ; "
        "polymédication (9 lignes).",
        "Revue de l'ordonnance avec la pharmacienne ; passage de l'ergothérapeute "
        "proposé ; la fille sera associée au prochain point.",
    ),
    (
        "Homme de 67 ans, insuffisance cardiaque, deux hospitalisations",
        "Prise de poids non signalée avant la dernière hospitalisation ; "
        "difficultés avec le pilulier.",
        "Pesée trois fois par semaine par l'infirmière, seuil d'alerte partagé ; "
        "éducation thérapeutique proposée.",
    ),
    (
        "Adolescente de 15 ans, troubles du comportement alimentaire",
        "Perte de poids de 6 kg en quatre mois, suivi scolaire difficile.",
        "Orientation vers le centre de référence ; point de suivi à la prochaine RCP.",
    ),
    (
        "Patient de 72 ans, plaie chronique du pied diabétique",
        "Plaie de 3 cm depuis six semaines, équilibre glycémique insuffisant.",
        "Avis du podologue, soins infirmiers quotidiens, réévaluation à 15 jours.",
    ),
]
TOPICS = [
    (ItemKind.PROTOCOL, "Protocole de prise en charge des plaies chroniques"),
    (ItemKind.ADVERSE_EVENT, "Analyse d'une erreur de délivrance (AVK)"),
    (ItemKind.PATHWAY, "Parcours des patients sortant d'hospitalisation"),
]
# Each item's decisions: a case or a topic comes back to later RCPs, each time
# with the next of its decisions (text, owner, days after the meeting,
# to_protocol, ppcs) — the same decision never three times.
CASE_DECISIONS = [
    [
        ("Revoir l'ordonnance avec le médecin traitant", "pharmacienne", 14, False, False),
        ("Mettre en place un PPCS avec l'aide à domicile", "infirmiere", 21, False, True),
        ("Proposer une évaluation du domicile par l'ergothérapeute", "kine", 30, False, False),
    ],
    [
        (
            "Partager le seuil d'alerte de poids avec le cardiologue",
            "professionnel",
            10,
            False,
            False,
        ),
        ("Organiser une rencontre avec le SSIAD du secteur", "professionnel", 45, False, False),
        (
            "Inscrire le patient au programme d'éducation thérapeutique",
            "infirmiere",
            30,
            False,
            False,
        ),
    ],
    [
        ("Prendre rendez-vous au centre de référence", "professionnel", 14, False, False),
        ("Faire le point avec l'infirmière scolaire", "infirmiere", 21, False, False),
        ("Proposer un suivi diététique", "pharmacienne", 30, False, False),
    ],
    [
        ("Demander l'avis du podologue", "kine", 10, False, False),
        ("Adapter le traitement antidiabétique", "professionnel", 21, False, False),
        ("Réévaluer la plaie à quinze jours", "infirmiere", 15, False, False),
    ],
]
TOPIC_DECISIONS = [
    [
        ("Rédiger le protocole plaies chroniques", "kine", 60, True, False),
        (
            "Faire relire le protocole plaies chroniques par l'équipe",
            "infirmiere",
            45,
            False,
            False,
        ),
    ],
    [
        ("Afficher la double vérification des AVK à l'officine", "pharmacienne", 14, False, False),
        ("Présenter l'analyse de l'erreur à l'équipe", "professionnel", 30, False, False),
    ],
    [
        ("Lister les sorties d'hospitalisation de la semaine", "infirmiere", 7, False, False),
        ("Proposer une fiche de liaison à l'hôpital", "professionnel", 45, False, False),
    ],
]
# The fate of the decisions of an older RCP, in turn: most done on time.
OLDER_STATES = ["on_time", "late", "on_time", "on_time", "abandoned"]


def _user(users, name: str) -> User:
    return users[f"{name}@demo.gecolib.fr"]


@register_demo
def load(users: dict[str, User]) -> None:
    esp = Structure.objects.filter(name=DEMO_ESP).first()
    if esp is None or COORDINATOR not in users or Meeting.objects.filter(structure=esp).exists():
        return
    coordinator = users[COORDINATOR]
    today = timezone.localdate()
    series = MeetingSeries.objects.create(
        structure=esp, week_of_month=2, weekday=W.TUESDAY, created_by=coordinator
    )
    dates = MeetingSeries.occurrences(2, W.TUESDAY, today - datetime.timedelta(days=365), 14)
    past = [day for day in dates if day < today]
    upcoming = [day for day in dates if day >= today]
    for index, day in enumerate(past):
        meeting = _meeting(esp, series, coordinator, day, index)
        if index == len(past) - 5:
            meeting.status = MeetingStatus.CANCELLED
            meeting.sequence = 1
            meeting.save(update_fields=["status", "sequence"])
            continue
        _held(meeting, users, index, validated=index < len(past) - 1, recent=index >= len(past) - 3)
    for index, day in enumerate(upcoming[:2]):
        meeting = _meeting(esp, series, coordinator, day, len(past) + index)
        _prepare(meeting, users, send=index == 0)
        if index == 0:
            _guests(meeting, coordinator)
    # After the monthly RCPs to come: the next RCP stays the one whose agenda is sent.
    after = max([today + datetime.timedelta(days=14), *upcoming[:2]])
    _series_on_a_holiday(esp, coordinator, after)


GUESTS = [
    # name, profession, organisation, e-mail, answer
    (
        "Yann Kerhervé",
        "Infirmier coordinateur",
        "SSIAD de Lamballe",
        "yann.kerherve@exemple.fr",
        Answer.PRESENT,
    ),
    (
        "Claire Le Bihan",
        "Cardiologue",
        "Centre hospitalier de Saint-Brieuc",
        "claire.lebihan@exemple.fr",
        Answer.NONE,
    ),
]


def _guests(meeting: Meeting, coordinator: User) -> None:
    """Two outside guests of the next RCP, its agenda sent to them too."""
    for name, profession, organisation, email, answer in GUESTS:
        Guest.objects.create(
            meeting=meeting,
            name=name,
            profession=profession,
            organisation=organisation,
            email=email,
            answer=answer,
            answered_at=timezone.now() if answer else None,
            invited_at=meeting.agenda_sent_at,
            added_by=coordinator,
        )


def _series_on_a_holiday(esp: Structure, coordinator: User, after: datetime.date) -> None:
    """A short series whose first date is the first weekday public holiday
    after `after` (in its month's first four weeks): its page flags it."""
    day = after + datetime.timedelta(days=1)
    while not (day.weekday() < 5 and day.day <= 28 and holiday_name(day)):
        day += datetime.timedelta(days=1)
    week = (day.day - 1) // 7 + 1
    series = MeetingSeries.objects.create(
        structure=esp, week_of_month=week, weekday=day.weekday(), created_by=coordinator
    )
    for occurrence in MeetingSeries.occurrences(week, day.weekday(), day, 3):
        starts_at = datetime.datetime.combine(occurrence, datetime.time(18), tzinfo=PARIS)
        meeting = Meeting.objects.create(
            structure=esp,
            series=series,
            title="RCP plaies chroniques",
            purpose=Purpose.PRACTICES,
            starts_at=starts_at,
            duration_minutes=60,
            mode=Mode.ONLINE,
            video_link="https://visio.exemple.fr/esp-lamballe-plaies",
            created_by=coordinator,
            created_at=timezone.now(),
        )
        meeting.sync_invitees()


def _meeting(esp, series, coordinator, day, index) -> Meeting:
    starts_at = datetime.datetime.combine(day, datetime.time(12, 30), tzinfo=PARIS)
    purpose = [Purpose.COMPLEX, Purpose.COMPLEX, Purpose.PRACTICES, Purpose.ADVERSE_EVENT][
        index % 4
    ]
    meeting = Meeting.objects.create(
        structure=esp,
        series=series,
        title="RCP mensuelle de l'équipe",
        purpose=purpose,
        starts_at=starts_at,
        duration_minutes=90,
        mode=Mode.HYBRID if index % 3 == 0 else Mode.IN_PERSON,
        place=PLACE,
        video_link="https://visio.exemple.fr/esp-lamballe" if index % 3 == 0 else "",
        created_by=coordinator,
        created_at=starts_at - datetime.timedelta(days=30),
    )
    meeting.sync_invitees()
    return meeting


def _items(meeting: Meeting, users, index: int) -> list[AgendaItem]:
    presenters = ["professionnel", "infirmiere", "kine", "pharmacienne"]
    items = []
    for offset in range(2):
        title, description, _summary = CASES[(index + offset) % len(CASES)]
        items.append(
            AgendaItem.objects.create(
                meeting=meeting,
                order=offset + 1,
                kind=ItemKind.CASE,
                title=title,
                description=description,
                presenter=_user(users, presenters[(index + offset) % 4]),
                planned_minutes=25,
            )
        )
    kind, title = TOPICS[index % len(TOPICS)]
    items.append(
        AgendaItem.objects.create(
            meeting=meeting, order=3, kind=kind, title=title, planned_minutes=30
        )
    )
    return items


def _held(meeting: Meeting, users, index: int, *, validated: bool, recent: bool) -> None:
    items = _items(meeting, users, index)
    for item, (_title, _description, summary) in zip(
        items, [CASES[(index + o) % len(CASES)] for o in range(2)], strict=False
    ):
        item.summary = summary
    items[2].summary = "Échanges sur les pratiques de chacun ; proposition de groupe de travail."
    AgendaItem.objects.bulk_update(items, ["summary"])
    attendance = [Attendance.PRESENT, Attendance.PRESENT, Attendance.EXCUSED, Attendance.ABSENT]
    for position, invitee in enumerate(meeting.invitees.order_by("user__email")):
        invitee.attendance = attendance[(index + position) % 4 if position else 0]
        invitee.save(update_fields=["attendance"])
    meeting.minutes_text = "Tour de table des situations en cours ; suivi des décisions."
    meeting.save(update_fields=["minutes_text"])
    today = timezone.localdate()
    cases = [(index + offset) % len(CASES) for offset in range(2)]
    discussed = [CASE_DECISIONS[case][_times_before(index, case)] for case in cases] + [
        TOPIC_DECISIONS[index % len(TOPICS)][(index // len(TOPICS)) % 2]
    ]
    for position, (text, owner, days, to_protocol, ppcs) in enumerate(discussed):
        # The last RCPs' decisions are still open (some overdue by now).
        state = "open" if recent else OLDER_STATES[(index * 3 + position) % len(OLDER_STATES)]
        decision = Decision.objects.create(
            meeting=meeting,
            item=items[position],
            text=text,
            owner=_user(users, owner),
            due_date=meeting.date + datetime.timedelta(days=days),
            to_protocol=to_protocol,
            ppcs=ppcs,
            created_by=meeting.created_by,
            created_at=meeting.starts_at,
        )
        _settle(decision, state, today)
    if validated:
        coordinator = meeting.created_by
        revision = meeting.save_revision(
            minutes_content(meeting), by=coordinator, comment="Compte rendu validé"
        )
        validated_at = meeting.starts_at + datetime.timedelta(days=2)
        type(revision).objects.filter(pk=revision.pk).update(created_at=validated_at)
        meeting.minutes_validated_at, meeting.minutes_validated_by = validated_at, coordinator
        meeting.agenda_sent_at = meeting.starts_at - datetime.timedelta(days=7)
        meeting.agenda_sends = 1
        meeting.save(
            update_fields=[
                "minutes_validated_at",
                "minutes_validated_by",
                "agenda_sent_at",
                "agenda_sends",
            ]
        )


def _times_before(index: int, case: int) -> int:
    """How many earlier RCPs discussed `case` (cases come two by two, in turn),
    modulo its list of decisions: each time, its next decision."""
    earlier = sum(
        1
        for before in range(index)
        for offset in range(2)
        if (before + offset) % len(CASES) == case
    )
    return earlier % len(CASE_DECISIONS[case])


def _settle(decision: Decision, state: str, today: datetime.date) -> None:
    """Done on time, done late, abandoned, or left open (overdue once its
    date has passed) — only what has happened by today."""
    due = decision.due_date
    closed_on = {"on_time": due - datetime.timedelta(days=2), "late": due + datetime.timedelta(7)}
    if state in closed_on and closed_on[state] <= today:
        decision.status = DecisionStatus.DONE
        decision.closing_comment = "Fait, point fait à la RCP suivante."
        decision.closed_at = datetime.datetime.combine(
            closed_on[state], datetime.time(18), tzinfo=PARIS
        )
    elif state == "abandoned" and due <= today:
        decision.status = DecisionStatus.ABANDONED
        decision.closing_comment = "Sans objet : le suivi est repris par une autre équipe."
        decision.closed_at = datetime.datetime.combine(due, datetime.time(18), tzinfo=PARIS)
    else:
        return
    decision.closed_by = decision.owner
    decision.save(update_fields=["status", "closing_comment", "closed_at", "closed_by"])


def _prepare(meeting: Meeting, users, *, send: bool) -> None:
    """The next RCPs: an agenda in preparation; the first one sent, with answers."""
    title, description, _summary = CASES[0]
    AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        kind=ItemKind.CASE,
        title=title,
        description=description,
        presenter=_user(users, "infirmiere"),
        planned_minutes=25,
    )
    if not send:
        # A member's proposal, waiting for the coordinator (dashboard: « Points proposés »).
        kine = _user(users, "kine")
        AgendaItem.objects.create(
            meeting=meeting,
            order=2,
            kind=ItemKind.CASE,
            status=ItemStatus.PROPOSED,
            title="Homme de 58 ans, lombalgie chronique, arrêt de travail prolongé",
            description=(
                "Douleurs depuis huit mois, reprise du travail envisagée ; quelle place pour "
                "l'activité physique adaptée et le médecin du travail ?"
            ),
            proposed_by=kine,
            presenter=kine,
            planned_minutes=20,
        )
        return
    AgendaItem.objects.create(
        meeting=meeting,
        order=2,
        kind=ItemKind.PROTOCOL,
        title="Protocole plaies chroniques : relecture de la version 1",
        presenter=_user(users, "kine"),
        planned_minutes=30,
    )
    meeting.agenda_sent_at = timezone.now() - datetime.timedelta(days=1)
    meeting.agenda_sends = 1
    meeting.save(update_fields=["agenda_sent_at", "agenda_sends"])
    answers = {"infirmiere": Answer.PRESENT, "kine": Answer.EXCUSED, "pharmacienne": Answer.MAYBE}
    for name, answer in answers.items():
        meeting.invitees.filter(user=_user(users, name)).update(
            answer=answer, answered_at=timezone.now()
        )
