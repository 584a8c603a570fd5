"""Validation of a protocol by its team: a request sent to the members
involved, each of whom answers « d'accord » or « réserve » (with a comment).

Whoever edits the protocol asks (`ValidationRound.open`): the members chosen
get a row each (`ValidationAnswer`, blank until they answer). A new request
supersedes the one in progress (its answers stay, as history; only the new
round counts). Each member may change their answer while the round is open;
when every member involved has answered « d'accord », the protocol is
validated by the team (`Protocol.record_validation`, method « avis »): the
validation date is the day of the last agreement, the review date the one
chosen on the request or a year later. A réserve keeps the round open.

A round ends when the protocol is validated by its answers, when another
request replaces it, when the text or the steps change (the members agreed
on another text), when a decision taken in meeting is recorded instead, or
when the protocol changes status. The round keeps the version of the
protocol it asked about.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import latest_revision
from gecolib.team_data import TeamDataChecks, validate_date_in_range
from structures.models import Membership

from ..enums import Answer, ProtocolStatus, RoundStatus, ValidationMethod
from .protocol import Protocol

MAX_COMMENT = 2000
ROUND_CLOSED_ERROR = _("Cette demande de validation est close : votre avis n'a pas été enregistré.")
NOT_ASKED_ERROR = _("Votre avis n'est pas demandé sur ce protocole : rien n'a été enregistré.")
RESERVE_WITHOUT_COMMENT_ERROR = _(
    "Une réserve s'accompagne d'un commentaire : dites ce qui vous retient."
)


def current_member_ids(structure) -> set[int]:
    """The active accounts that are members of `structure` today."""
    return set(
        Membership.objects.current()
        .filter(structure=structure, user__is_active=True)
        .values_list("user_id", flat=True)
    )


class ValidationRound(TeamDataChecks, models.Model):
    protocol = models.ForeignKey(
        "protocols.Protocol",
        verbose_name=_("protocole"),
        on_delete=models.CASCADE,
        related_name="validation_rounds",
    )
    revision = models.ForeignKey(
        "protocols.ProtocolRevision",
        verbose_name=_("version soumise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    message = models.TextField(
        _("message aux membres"),
        max_length=MAX_COMMENT,
        blank=True,
    )
    review_date = models.DateField(_("date de révision proposée"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        ordering = ["protocol", "-requested_at", "-pk"]
        verbose_name = _("demande de validation")
        verbose_name_plural = _("demandes de validation")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol"],
                condition=Q(status=RoundStatus.OPEN),
                name="validation_round_one_open_per_protocol",
                violation_error_message=_(
                    "Une demande de validation est déjà en cours pour ce protocole."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.protocol_id} {self.requested_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def asker_name(self) -> str:
        if self.requested_by is None:
            return gettext("un membre")
        return self.requested_by.display_name

    # -- asking ------------------------------------------------------------------------

    @classmethod
    @transaction.atomic
    def open(
        cls,
        protocol,
        *,
        by,
        members,
        message: str = "",
        review_date: datetime.date | None = None,
        names_confirmed: bool = False,
    ) -> ValidationRound:
        """Ask `members` (current members of the protocol's structure) for
        their agreement on the protocol as it is now; the round in progress,
        if any, is superseded. No e-mail here (validation_requests.py)."""
        protocol.status = Protocol.objects.lock(protocol.pk).status
        if protocol.status not in (ProtocolStatus.DESIGN, ProtocolStatus.TO_REVIEW):
            raise ValidationError(
                _(
                    "Seul un protocole en conception ou à réviser peut être soumis à "
                    "l'équipe (statut actuel : « %(status)s »)."
                )
                % {"status": protocol.get_status_display()}
            )
        if not protocol.steps.exists():
            raise ValidationError(_("Un protocole sans étape ne peut pas être validé."))
        members = list(dict.fromkeys(members))
        if not members:
            raise ValidationError(_("Cochez au moins un membre à qui demander son avis."))
        current = current_member_ids(protocol.structure)
        gone = [member for member in members if member.pk not in current]
        if gone:
            raise ValidationError(
                _("Ne font plus partie de la structure : %(names)s.")
                % {"names": ", ".join(member.display_name for member in gone)}
            )
        if review_date is not None:
            validate_date_in_range(review_date)
            if review_date <= timezone.localdate():
                raise ValidationError(
                    {"review_date": _("La date de révision doit être après aujourd'hui.")}
                )
        revision = protocol.keep_state(
            by=by, comment=gettext("Version soumise à l'avis de l'équipe")
        ) or latest_revision(protocol.revisions)
        now = timezone.now()
        protocol.validation_rounds.filter(status=RoundStatus.OPEN).update(
            status=RoundStatus.SUPERSEDED, closed_at=now
        )
        validation_round = cls(
            protocol=protocol,
            revision=revision,
            requested_by=by,
            requested_at=now,
            message=message.strip(),
            review_date=review_date,
        )
        validation_round.names_confirmed = names_confirmed
        validation_round.full_clean()
        validation_round.save()
        ValidationAnswer.objects.bulk_create(
            ValidationAnswer(round=validation_round, member=member) for member in members
        )
        return validation_round

    # -- answering ---------------------------------------------------------------------

    @transaction.atomic
    def record_answer(
        self, *, member, answer: str, comment: str = "", names_confirmed: bool = False
    ) -> RecordedAnswer:
        """Record `member`'s answer (they may change it while the round is
        open): the answer, whether it changed, and whether the protocol is
        now validated by the team (every member involved agrees). The same
        answer sent twice changes nothing."""
        # The protocol's row first, as every change of its status does, then
        # the round's: of two last agreements at once, the second sees the first.
        Protocol.objects.lock(self.protocol_id)
        self.status = ValidationRound.objects.select_for_update().get(pk=self.pk).status
        if not self.is_open:
            raise ValidationError(ROUND_CLOSED_ERROR)
        row = self.answers.select_related("member").filter(member=member).first()
        if row is None or member.pk not in current_member_ids(self.protocol.structure):
            raise ValidationError(NOT_ASKED_ERROR)
        if answer not in Answer.values:
            raise ValidationError({"answer": _("Choisissez « D'accord » ou « Réserve ».")})
        comment = comment.strip()
        if answer == Answer.RESERVE and not comment:
            raise ValidationError({"comment": RESERVE_WITHOUT_COMMENT_ERROR})
        if (row.answer, row.comment) == (answer, comment):
            return RecordedAnswer(row, changed=False, validated=False)
        row.answer, row.comment, row.answered_at = answer, comment, timezone.now()
        row.names_confirmed = names_confirmed
        row.full_clean()
        row.save()
        answers = list(self.answers.select_related("member"))
        if any(a.answer != Answer.AGREE for a in answers):
            return RecordedAnswer(row, changed=True, validated=False)
        self._validate_protocol(answers, by=member)
        return RecordedAnswer(row, changed=True, validated=True)

    def _validate_protocol(self, answers: list[ValidationAnswer], *, by) -> None:
        """Every member involved agrees: the protocol is validated by the team,
        on the day of the last agreement."""
        date = timezone.localtime(max(a.answered_at for a in answers)).date()
        review = self.review_date if self.review_date and self.review_date > date else None
        self.status, self.closed_at = RoundStatus.VALIDATED, timezone.now()
        self.save(update_fields=["status", "closed_at"])
        protocol = self.protocol
        protocol.record_validation(
            by=by,
            date=date,
            agreed=[a.member for a in answers],
            review_date=review,
            method=ValidationMethod.ANSWERS,
            recorded_by=self.requested_by,
            comment=gettext("Validé par l'équipe le %(date)s, avec l'accord des %(n)s membres")
            % {"date": date.strftime("%d/%m/%Y"), "n": len(answers)},
        )

    # -- reading -----------------------------------------------------------------------

    def tally(self) -> dict[str, int]:
        """How many agree, have a réserve, are awaited (from the prefetched answers)."""
        answers = list(self.answers.all())
        return {
            "agree": sum(a.answer == Answer.AGREE for a in answers),
            "reserve": sum(a.answer == Answer.RESERVE for a in answers),
            "awaited": sum(not a.answer for a in answers),
            "total": len(answers),
        }


class RecordedAnswer(NamedTuple):
    answer: ValidationAnswer
    changed: bool
    validated: bool


class ValidationAnswer(TeamDataChecks, models.Model):
    round = models.ForeignKey(
        ValidationRound,
        verbose_name=_("demande de validation"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="protocol_validation_answers",
    )
    answer = models.CharField(_("avis"), max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField(_("commentaire"), max_length=MAX_COMMENT, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        ordering = ["round", "member__last_name", "member__first_name", "pk"]
        verbose_name = _("avis sur un protocole")
        verbose_name_plural = _("avis sur un protocole")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"],
                name="validation_answer_one_per_member",
                violation_error_message=_("Ce membre est déjà sollicité pour cette demande."),
            ),
            models.CheckConstraint(
                condition=~Q(answer=Answer.RESERVE) | ~Q(comment=""),
                name="validation_answer_reserve_has_comment",
                violation_error_message=RESERVE_WITHOUT_COMMENT_ERROR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.member_id}: {self.answer or '-'}"
