"""Sending the questionnaire of a closed facilitation, and what its answers
say once aggregated (see models/feedback.py for who sees what)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gecolib.absolute_urls import absolute_url
from gecolib.models import User
from gecolib.notifications import notify

from .enums import PostureAnswer
from .models import (
    Assignment,
    Facilitation,
    FeedbackAnswer,
    FeedbackInvitation,
    HelpType,
    Session,
)
from .models.feedback import MIN_ANSWERS_SHOWN

INVITATION_TEMPLATE = "facilitations/emails/feedback_invitation"


def feedback_recipients(facilitation: Facilitation):
    """The professionals who took part: the request's author and the session
    attendees with an account — active, and not the facilitators of its binôme."""
    attended = Session.attendees.through.objects.filter(session__facilitation=facilitation).values(
        "user_id"
    )
    took_part = Q(pk__in=attended)
    if facilitation.request_id:
        took_part |= Q(pk=facilitation.request.requester_id)
    binome = Assignment.objects.filter(facilitation=facilitation).values("user_id")
    return User.objects.filter(took_part, is_active=True).exclude(pk__in=binome).order_by("pk")


def answer_url(invitation: FeedbackInvitation) -> str:
    return absolute_url("facilitations:feedback_answer", token=invitation.token)


def send_questionnaires(facilitation: Facilitation) -> int:
    """Send the questionnaire to each professional who took part, once
    (running it again sends nothing twice). Returns how many were sent."""
    if not facilitation.is_closed:
        return 0
    sent = 0
    with transaction.atomic():
        locked = Facilitation.objects.select_for_update().get(pk=facilitation.pk)
        if locked.feedback_sent_at is not None:
            return 0
        for user in feedback_recipients(locked):
            invitation, created = FeedbackInvitation.objects.get_or_create(
                facilitation=locked, user=user
            )
            if created and notify(
                user.email,
                INVITATION_TEMPLATE,
                {
                    "facilitation": locked,
                    "person": user,
                    "url": answer_url(invitation),
                    "reminder": False,
                },
                key=f"feedback-invitation-{invitation.pk}",
            ):
                sent += 1
        locked.feedback_sent_at = timezone.now()
        locked.save(update_fields=["feedback_sent_at"])
    return sent


# ------------------------------------------------------------------ aggregates


def net_promoter(scores: list[int]) -> int | None:
    """Net promoter score: % of 9–10 minus % of 0–6, rounded; None without answers."""
    if not scores:
        return None
    promoters = sum(1 for score in scores if score >= 9)
    detractors = sum(1 for score in scores if score <= 6)
    return round(100 * (promoters - detractors) / len(scores))


@dataclass
class FeedbackSummary:
    """The answers of some facilitations, aggregated (no answer shown alone)."""

    count: int = 0
    satisfaction: list[int] = field(default_factory=lambda: [0] * 5)  # counts of 1..5
    recommend: list[int] = field(default_factory=list)
    listening: dict[str, int] = field(default_factory=dict)
    neutrality: dict[str, int] = field(default_factory=dict)
    helps: dict[int, int] = field(default_factory=dict)  # HelpType pk → count
    help_labels: dict[int, str] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.count >= MIN_ANSWERS_SHOWN

    @property
    def average_satisfaction(self) -> float | None:
        if not self.count:
            return None
        return sum((i + 1) * n for i, n in enumerate(self.satisfaction)) / self.count

    @property
    def nps(self) -> int | None:
        return net_promoter(self.recommend)

    def posture_rows(self) -> list[dict]:
        """(question, counts per answer) for the two values of the charter."""
        return [
            {
                "name": name,
                "counts": [(label, counts.get(value, 0)) for value, label in PostureAnswer.choices],
            }
            for name, counts in (("listening", self.listening), ("neutrality", self.neutrality))
        ]

    def satisfaction_rows(self) -> list[tuple[int, int]]:
        return [(i + 1, n) for i, n in enumerate(self.satisfaction)]

    def help_rows(self) -> list[tuple[str, int]]:
        return sorted(
            ((self.help_labels[pk], n) for pk, n in self.helps.items()),
            key=lambda row: (-row[1], row[0]),
        )


def summarise(answers) -> FeedbackSummary:
    """Aggregate a queryset of answers: two queries whatever their number."""
    summary = FeedbackSummary()
    for satisfaction, recommend, listening, neutrality in answers.values_list(
        "satisfaction", "recommend", "listening", "neutrality"
    ).order_by():
        summary.count += 1
        summary.satisfaction[satisfaction - 1] += 1
        summary.recommend.append(recommend)
        summary.listening[listening] = summary.listening.get(listening, 0) + 1
        summary.neutrality[neutrality] = summary.neutrality.get(neutrality, 0) + 1
    links = (
        FeedbackAnswer.helps.through.objects.filter(feedbackanswer__in=answers.values("pk"))
        .values_list("helptype_id", "helptype__label")
        .order_by()
    )
    for help_id, label in links:
        summary.helps[help_id] = summary.helps.get(help_id, 0) + 1
        summary.help_labels[help_id] = label
    return summary


def offered_helps(facilitation: Facilitation):
    """The help kinds offered as answers: those logged in the facilitation's
    sessions, or every kind when none was logged."""
    logged = HelpType.objects.filter(sessions__facilitation=facilitation).distinct()
    return logged if logged.exists() else HelpType.objects.all()
