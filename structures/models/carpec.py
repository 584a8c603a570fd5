"""The CARPEC (Cellule d'Appui Régionale aux Projets d'Exercices Coordonnés):
its published calendar of sessions and the structures reviewed at each, with
the opinion given. Kept apart from the structures themselves: a session lives
on its own calendar, and a favourable validation is what moves a structure to
its recognised stage."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.validators import validate_no_patient_identifier

from ..enums import CarpecOutcome, CarpecReviewKind, Stage, StructureKind
from .structure import Membership, Structure

# Stage a favourable CARPEC validation moves each kind to.
VALIDATED_STAGE_BY_KIND = {
    StructureKind.ESP: Stage.ESP_RECOGNISED,
    StructureKind.ESP_CLAP: Stage.ESP_RECOGNISED,
    StructureKind.MSP: Stage.MSP_RECOGNISED,
    StructureKind.CPTS: Stage.CPTS_VALIDATED,
    StructureKind.HEALTH_CENTRE: Stage.CS_OPEN,
}


class CarpecSessionQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date")


class CarpecSession(models.Model):
    """A session of the CARPEC (Cellule d'Appui Régionale aux Projets
    d'Exercices Coordonnés), on its published calendar."""

    date = models.DateField(_("date de la séance"), unique=True)
    submission_deadline = models.DateField(_("date limite de dépôt"), null=True, blank=True)
    notes = models.CharField(
        _("remarques"), max_length=255, blank=True, validators=[validate_no_patient_identifier]
    )

    objects = CarpecSessionQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("séance CARPEC")
        verbose_name_plural = _("séances CARPEC")

    def __str__(self) -> str:
        return str(_("CARPEC du %(date)s") % {"date": self.date.strftime("%d/%m/%Y")})

    def schedule(self, structure: Structure, kind: str, *, by) -> CarpecReview:
        """Put a structure on this session's agenda for a kind of review."""
        if self.date < timezone.localdate():
            raise ValidationError(_("Cette séance est passée : choisissez une séance à venir."))
        if self.reviews.filter(structure=structure, kind=kind).exists():
            raise ValidationError(
                _("Cette structure est déjà inscrite à cette séance pour cet objet.")
            )
        return CarpecReview.objects.create(
            structure=structure, session=self, kind=kind, scheduled_by=by
        )


class CarpecReviewQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(outcome=CarpecOutcome.PENDING)

    def due_for_reminder(self, today: datetime.date, days: int):
        """Pending reviews whose session falls within `days` days from today."""
        return self.pending().filter(
            session__date__gte=today, session__date__lte=today + datetime.timedelta(days=days)
        )

    def with_coordinators(self):
        """Structure, session and the structure's coordinators (as
        `structure.coordinator_memberships`), for the reminders."""
        return self.select_related("structure", "session").prefetch_related(
            Prefetch(
                "structure__memberships",
                queryset=Membership.objects.coordinators().select_related("user"),
                to_attr="coordinator_memberships",
            )
        )


class CarpecReview(models.Model):
    """A structure scheduled for a CARPEC session, and the outcome."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="carpec_reviews"
    )
    session = models.ForeignKey(CarpecSession, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("objet de l'examen"), max_length=30, choices=CarpecReviewKind.choices)
    outcome = models.CharField(
        _("avis"), max_length=20, choices=CarpecOutcome.choices, default=CarpecOutcome.PENDING
    )
    comment = models.TextField(
        _("commentaire"), blank=True, validators=[validate_no_patient_identifier]
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(_("avis enregistré le"), null=True, blank=True)

    objects = CarpecReviewQuerySet.as_manager()

    class Meta:
        ordering = ["session__date", "structure__name"]
        verbose_name = _("examen CARPEC")
        verbose_name_plural = _("examens CARPEC")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "session", "kind"],
                name="carpec_review_unique",
                violation_error_message=_(
                    "Cette structure est déjà inscrite à cette séance pour cet objet."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure} – {self.session} – {self.get_kind_display()}"

    @property
    def is_pending(self) -> bool:
        return self.outcome == CarpecOutcome.PENDING

    def record_outcome(self, outcome: str, *, by, comment: str = "") -> None:
        """Record the CARPEC's opinion; a favourable validation of the health
        project moves the structure to its recognised stage."""
        if outcome not in CarpecOutcome.values or outcome == CarpecOutcome.PENDING:
            raise ValidationError(_("Choisissez l'avis rendu par la CARPEC."))
        if not self.is_pending:
            raise ValidationError(_("L'avis de cet examen est déjà enregistré."))
        if self.session.date > timezone.localdate():
            raise ValidationError(
                _("La séance n'a pas encore eu lieu : son avis ne peut pas être enregistré.")
            )
        with transaction.atomic():
            self.outcome = outcome
            self.comment = comment
            self.outcome_recorded_at = timezone.now()
            self.save(update_fields=["outcome", "comment", "outcome_recorded_at"])
            if outcome == CarpecOutcome.FAVOURABLE and self.kind == CarpecReviewKind.VALIDATION:
                target = VALIDATED_STAGE_BY_KIND[self.structure.kind]
                structure = self.structure
                if structure.stage != target and structure.stage_position <= (
                    structure.stages.index(target) + 1
                ):
                    structure.move_to(
                        target,
                        by=by,
                        date=self.session.date,
                        comment=str(_("Avis favorable de la CARPEC")),
                    )
