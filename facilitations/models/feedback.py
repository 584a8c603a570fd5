"""What the professionals think of a facilitation: once it is closed, each
professional who took part (the request's author and the session attendees
with an account) receives a short questionnaire by a signed link, answered
once, without signing in.

Answers are anonymous by construction: a `FeedbackInvitation` knows who was
asked and whether they answered; a `FeedbackAnswer` knows the facilitation and
the version of the questionnaire answered, never the person. Facilitators see
the aggregated answers of their facilitations from `MIN_ANSWERS_SHOWN` answers
on; staff see them in the statistics.

The questionnaire's wording is reference data kept by staff, each change a
version (gecolib/revisions.py); an answer keeps the version it answered."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import FieldRevisionsMixin, Revision, latest_revision
from gecolib.team_data import TeamDataChecks

from ..enums import PostureAnswer
from .reference import HelpType

# Aggregated answers are shown to the facilitators from this many answers on:
# below it, one could guess who answered what.
MIN_ANSWERS_SHOWN = 3
# The reminder goes this many days after the questionnaire, once.
REMINDER_AFTER_DAYS = 7
# How long the link of the e-mail works.
LINK_VALID_DAYS = 60

TOKEN_SALT = "facilitations.feedback"

DEFAULT_TEXTS = {
    "intro": _(
        "Votre facilitation GECO Lib' est terminée. Quelques questions, deux minutes : vos "
        "réponses sont anonymes et aident le réseau à améliorer ses accompagnements. "
        "Les facilitateurs n'en voient que la synthèse, à partir de trois réponses."
    ),
    "satisfaction_question": _("Dans l'ensemble, êtes-vous satisfait de l'accompagnement ?"),
    "helps_question": _("Quelles aides vous ont été les plus utiles ?"),
    "listening_question": _("Les facilitateurs ont-ils été à l'écoute de l'équipe ?"),
    "neutrality_question": _(
        "Les facilitateurs sont-ils restés neutres, sans prendre parti ni imposer leurs idées ?"
    ),
    "recommend_question": _(
        "Recommanderiez-vous GECO Lib' à un ou une collègue ? (0 : pas du tout, 10 : certainement)"
    ),
    "comment_question": _("Un commentaire, une suggestion ?"),
}

REVISION_FIELDS = [
    ("intro", _("Introduction")),
    ("satisfaction_question", _("Question de satisfaction (1 à 5)")),
    ("helps_question", _("Question sur les aides utiles")),
    ("listening_question", _("Question sur l'écoute")),
    ("neutrality_question", _("Question sur la neutralité")),
    ("recommend_question", _("Question de recommandation (0 à 10)")),
    ("comment_question", _("Question du commentaire libre")),
]


def questionnaire_texts(content: dict[str, Any]) -> dict[str, str]:
    """The questions of a version, with the default wording for any missing."""
    return {name: str(content.get(name) or DEFAULT_TEXTS[name]) for name, _label in REVISION_FIELDS}


class FeedbackQuestionnaire(FieldRevisionsMixin, models.Model):
    """The questionnaire sent at the end of a facilitation: its wording (one
    row; the structure of the answers stays the same)."""

    revision_fields = REVISION_FIELDS

    intro = models.TextField(_("introduction"), help_text=_("Affichée en tête du questionnaire."))
    satisfaction_question = models.CharField(_("question de satisfaction"), max_length=255)
    helps_question = models.CharField(_("question sur les aides utiles"), max_length=255)
    listening_question = models.CharField(_("question sur l'écoute"), max_length=255)
    neutrality_question = models.CharField(_("question sur la neutralité"), max_length=255)
    recommend_question = models.CharField(_("question de recommandation"), max_length=255)
    comment_question = models.CharField(_("question du commentaire"), max_length=255)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire de fin de facilitation")
        verbose_name_plural = _("questionnaires de fin de facilitation")

    def __str__(self) -> str:
        return str(_("Questionnaire de fin de facilitation"))

    @classmethod
    @transaction.atomic
    def current(cls) -> FeedbackQuestionnaire:
        """The questionnaire, with its first version (loaded by migration;
        made here if missing)."""
        questionnaire = cls.objects.order_by("pk").first()
        if questionnaire is None:
            questionnaire = cls.objects.create(
                **{name: str(text) for name, text in DEFAULT_TEXTS.items()}
            )
        if not questionnaire.revisions.exists():
            questionnaire.save_revision(by=None, comment=str(_("Première version")))
        return questionnaire

    def current_revision(self) -> FeedbackQuestionnaireRevision:
        return latest_revision(self.revisions)


class FeedbackQuestionnaireRevision(Revision):
    """One dated wording of the questionnaire; answers point to the one they answered."""

    questionnaire = models.ForeignKey(
        FeedbackQuestionnaire, on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta:
        ordering = ["questionnaire", "-number"]
        verbose_name = _("version du questionnaire de fin de facilitation")
        verbose_name_plural = _("versions du questionnaire de fin de facilitation")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"],
                name="feedback_questionnaire_revision_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            )
        ]

    @property
    def texts(self) -> dict[str, str]:
        return questionnaire_texts(self.content)


class FeedbackInvitationQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered=False)


class FeedbackInvitation(models.Model):
    """Who was asked about a facilitation, and whether they answered. It
    holds no answer: the answers are not linked to anyone."""

    facilitation = models.ForeignKey(
        "facilitations.Facilitation", on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    answered = models.BooleanField(_("a répondu"), default=False)

    objects = FeedbackInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["facilitation", "pk"]
        verbose_name = _("questionnaire envoyé")
        verbose_name_plural = _("questionnaires envoyés")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitation", "user"],
                name="feedback_invitation_once_per_person",
                violation_error_message=_("Cette personne a déjà reçu ce questionnaire."),
            )
        ]
        indexes = [models.Index(fields=["sent_at"], name="feedback_invitation_sent")]

    def __str__(self) -> str:
        return f"{self.facilitation} – {self.user}"

    @property
    def token(self) -> str:
        """The signed token of the link: this invitation, this facilitation."""
        return signing.dumps([self.pk, self.facilitation_id], salt=TOKEN_SALT)

    @classmethod
    def from_token(cls, token: str) -> FeedbackInvitation | None:
        """The invitation a link names, or None when forged or too old."""
        try:
            payload = signing.loads(token, salt=TOKEN_SALT, max_age=LINK_VALID_DAYS * 86400)
        except signing.BadSignature:
            return None
        if not (
            isinstance(payload, list)
            and len(payload) == 2
            and all(type(value) is int for value in payload)
        ):
            return None
        pk, facilitation_id = payload
        return (
            cls.objects.select_related("facilitation__structure")
            .filter(pk=pk, facilitation_id=facilitation_id)
            .first()
        )

    @property
    def reminder_date(self) -> datetime.date:
        return timezone.localdate(self.sent_at) + datetime.timedelta(days=REMINDER_AFTER_DAYS)

    @transaction.atomic
    def record(self, answer: FeedbackAnswer, helps) -> FeedbackAnswer:
        """Store `answer` (validated) for this invitation's facilitation, once:
        a second answer is refused. The answer keeps no trace of who gave it."""
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if locked.answered:
            raise ValidationError(
                _("Vous avez déjà répondu à ce questionnaire : merci, votre réponse est comptée."),
                code="already_answered",
            )
        answer.facilitation_id = self.facilitation_id
        answer.answered_on = timezone.localdate()
        answer.full_clean()
        answer.save()
        answer.helps.set(helps)
        locked.answered = self.answered = True
        locked.save(update_fields=["answered"])
        return answer


class FeedbackAnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Aggregated figures only: staff see every answer, a facilitator those
        of the facilitations they are or were in the binôme of; nobody else.
        (The views show them aggregated, never one by one.)"""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        if not user.is_facilitator:
            return self.none()
        facilitations = self.model._meta.get_field("facilitation").related_model.objects
        return self.filter(facilitation__in=facilitations.assigned_to(user))


class FeedbackAnswer(TeamDataChecks, models.Model):
    """One anonymous answer to the questionnaire of a closed facilitation."""

    facilitation = models.ForeignKey(
        "facilitations.Facilitation", on_delete=models.CASCADE, related_name="feedback_answers"
    )
    questionnaire_revision = models.ForeignKey(
        FeedbackQuestionnaireRevision,
        verbose_name=_("version du questionnaire"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        validators=[
            MinValueValidator(1, _("Choisissez une note entre 1 et 5.")),
            MaxValueValidator(5, _("Choisissez une note entre 1 et 5.")),
        ],
    )
    helps = models.ManyToManyField(
        HelpType, verbose_name=_("aides utiles"), related_name="feedback_answers", blank=True
    )
    listening = models.CharField(_("écoute"), max_length=10, choices=PostureAnswer.choices)
    neutrality = models.CharField(_("neutralité"), max_length=10, choices=PostureAnswer.choices)
    recommend = models.PositiveSmallIntegerField(
        _("recommandation"),
        validators=[
            MinValueValidator(0, _("Choisissez une note entre 0 et 10.")),
            MaxValueValidator(10, _("Choisissez une note entre 0 et 10.")),
        ],
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=2000)
    answered_on = models.DateField(_("répondu le"), default=timezone.localdate)

    objects = FeedbackAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("réponse au questionnaire de fin de facilitation")
        verbose_name_plural = _("réponses au questionnaire de fin de facilitation")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5)
                & Q(recommend__gte=0, recommend__lte=10),
                name="feedback_answer_scores_in_range",
                violation_error_message=_(
                    "La satisfaction va de 1 à 5, la recommandation de 0 à 10."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(_("Réponse du %(date)s") % {"date": self.answered_on.strftime("%d/%m/%Y")})
