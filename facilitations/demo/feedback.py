"""A year of answers to the questionnaire of the closed demo facilitations:
the professionals met at the last session are recorded as its attendees; the
questionnaire goes to them, the requester and a few members of the team the
day after closing,
answered by about two in three within ten days (no e-mail is sent). Mostly
satisfied teams, a few reserved ones, comments without any name.

Idempotent: a facilitation whose questionnaire was sent is left alone.
Deterministic (random.Random(seed))."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from gecolib.models import User
from structures.models import Membership

from ..enums import CLOSED_FACILITATION_STATUSES, PostureAnswer
from ..models import (
    Facilitation,
    FeedbackAnswer,
    FeedbackInvitation,
    FeedbackQuestionnaire,
    HelpType,
)

ANSWER_RATE = 0.68
MEMBERS_ASKED = 4

COMMENTS = [
    "",
    "",
    "",
    "Des séances bien préparées, qui nous ont fait gagner beaucoup de temps.",
    "L'aide pour rédiger le projet de santé a été décisive.",
    "Nous aurions aimé des séances un peu plus fréquentes au début.",
    "Un vrai regard extérieur, sans jugement : l'équipe a repris confiance.",
    "Les outils partagés (modèles de protocoles, fiches pratiques) sont très utiles.",
    "Difficile de réunir tout le monde en soirée ; la visio a dépanné.",
    "Merci pour l'écoute, et pour avoir laissé l'équipe décider.",
]


def _score(rng: random.Random, good: bool) -> tuple[int, int]:
    """(satisfaction 1–5, recommend 0–10): most teams are satisfied."""
    if good:
        return rng.choice([4, 4, 5, 5, 5]), rng.choice([8, 9, 9, 10, 10, 7])
    return rng.choice([2, 3, 3, 4]), rng.choice([3, 5, 6, 7, 8])


def _posture(rng: random.Random, good: bool) -> str:
    if good:
        return rng.choice([PostureAnswer.YES] * 8 + [PostureAnswer.PARTLY])
    return rng.choice([PostureAnswer.YES, PostureAnswer.PARTLY, PostureAnswer.NO])


@transaction.atomic
def load_feedback(seed: int, professionals: list[User]) -> None:
    """`professionals`: demo accounts who attended the sessions."""
    rng = random.Random(seed)
    today = timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=400)
    revision = FeedbackQuestionnaire.current().current_revision()
    all_helps = list(HelpType.objects.all())
    closed = (
        Facilitation.objects.filter(status__in=CLOSED_FACILITATION_STATUSES, closed_at__gte=since)
        .select_related("request")
        .order_by("closed_at", "pk")
    )
    for facilitation in closed:
        # Always draw, so the sequence stays the same whatever exists already.
        good = rng.random() < 0.8
        draws = rng.random()
        attendees = rng.sample(professionals, k=min(len(professionals), rng.randint(2, 4)))
        if facilitation.feedback_sent_at is not None:
            continue
        last_session = facilitation.sessions.order_by("-date", "-pk").first()
        if last_session is not None:
            last_session.attendees.add(*attendees)
        members = list(
            Membership.objects.current()
            .filter(structure_id=facilitation.structure_id, user__is_active=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)[:MEMBERS_ASKED]
        )
        people = set(members) | (
            {user.pk for user in attendees} if last_session is not None else set()
        )
        if facilitation.request_id and facilitation.request.requester_id:
            people.add(facilitation.request.requester_id)
        sent_at = facilitation.closed_at + datetime.timedelta(days=1)
        FeedbackInvitation.objects.bulk_create(
            [
                FeedbackInvitation(facilitation=facilitation, user_id=user_id, sent_at=sent_at)
                for user_id in sorted(people)
            ],
            ignore_conflicts=True,
        )
        helps = (
            list(HelpType.objects.filter(sessions__facilitation=facilitation).distinct())
            or all_helps
        )
        invitations = list(facilitation.feedback_invitations.order_by("pk"))
        for index, invitation in enumerate(invitations):
            answered_on = timezone.localdate(sent_at) + datetime.timedelta(days=rng.randint(0, 10))
            # The first three answer when there are enough, so results show.
            if (index >= 3 or draws < 0.2) and rng.random() > ANSWER_RATE:
                continue
            if answered_on > today:
                continue
            satisfaction, recommend = _score(rng, good)
            answer = FeedbackAnswer.objects.create(
                facilitation=facilitation,
                questionnaire_revision=revision,
                satisfaction=satisfaction,
                recommend=recommend,
                listening=_posture(rng, good),
                neutrality=_posture(rng, good),
                comment=rng.choice(COMMENTS),
                answered_on=answered_on,
            )
            answer.helps.set(rng.sample(helps, k=min(len(helps), rng.randint(1, 2))))
            invitation.answered = True
            invitation.save(update_fields=["answered"])
        facilitation.feedback_sent_at = sent_at
        facilitation.save(update_fields=["feedback_sent_at"])
