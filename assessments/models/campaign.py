"""A team's self-assessment campaign: opened for a structure with a closing
date, each member invited answers every dimension of the grid on their own
(a level and an optional comment), can save and come back, and sees only
their own answers. Once it closes, the team reads the synthesis (counts per
level, never names), records its consensus level and note for each
dimension in a meeting, and writes its improvement plan (`plan.py`).

Access, in one place (`CampaignQuerySet.visible_to`): a campaign is read by
whoever reads its structure's private data — current members, the
facilitators of its facilitations, staff. Individual answers are read by
their author only (`Answer.objects.of_author`), whoever asks.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks
from structures.followers import written_structures_q
from structures.models import Membership, Structure

from .grid import Dimension, Grid, Level

# Below this many answers, a dimension's distribution is not shown: with two,
# each member could tell what the other answered.
MIN_ANSWERS_SHOWN = 3
# Levels this far apart among a dimension's answers: the members disagree.
DISAGREEMENT_SPREAD = 2


def structures_managed_for_assessments(user):
    """Structures whose campaigns `user` opens, closes and concludes: their
    coordinators, the current binôme of their facilitations, staff."""
    if not user.is_authenticated:
        return Structure.objects.none()
    if user.is_staff:
        return Structure.objects.all()
    return Structure.objects.filter(
        Q(pk__in=Structure.objects.managed_by(user).values("pk")) | written_structures_q(user)
    )


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Campaigns of the structures whose private data `user` reads."""
        return self.filter(structure__in=Structure.objects.private_to(user))

    def closed(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))

    def open(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(closed_at__isnull=True, closes_on__gte=today)


class Campaign(TeamDataChecks, models.Model):
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="assessment_campaigns"
    )
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="campaigns")
    grid_version = models.PositiveIntegerField(_("version de la grille"), default=0)
    title = models.CharField(_("intitulé"), max_length=200)
    closes_on = models.DateField(
        _("date de clôture"), help_text=_("Les membres répondent jusqu'à ce jour inclus.")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    meeting_on = models.DateField(_("date de la réunion de synthèse"), null=True, blank=True)
    meeting_label = models.CharField(
        _("réunion de synthèse"),
        max_length=200,
        blank=True,
        help_text=_(
            "Par exemple : « RCP amélioration des pratiques de mars » ou « réunion d'équipe »."
        ),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("campagne d'autoévaluation")
        verbose_name_plural = _("campagnes d'autoévaluation")
        indexes = [models.Index(fields=["structure", "opened_at"], name="assessment_campaign_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:campaign", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or self.closes_on < timezone.localdate()

    @property
    def is_open(self) -> bool:
        return not self.is_closed

    def previous(self) -> Campaign | None:
        """The structure's campaign closed before this one opened (one query)."""
        return (
            Campaign.objects.closed()
            .filter(structure_id=self.structure_id, opened_at__lt=self.opened_at)
            .order_by("-opened_at", "-pk")
            .first()
        )

    # -- state changes ---------------------------------------------------------

    @classmethod
    @transaction.atomic
    def open_for(
        cls, structure: Structure, *, grid: Grid, title: str, closes_on: datetime.date, by
    ) -> Campaign:
        """Open a campaign and invite every current member."""
        if closes_on < timezone.localdate():
            raise ValidationError(
                {"closes_on": _("La date de clôture ne peut pas être passée.")}, code="past"
            )
        campaign = cls(
            structure=structure,
            grid=grid,
            grid_version=grid.version_number,
            title=title,
            closes_on=closes_on,
            opened_by=by,
        )
        campaign.full_clean()
        campaign.save()
        members = (
            Membership.objects.current()
            .filter(structure=structure)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()
        )
        Participant.objects.bulk_create(
            [Participant(campaign=campaign, user_id=user_id) for user_id in members]
        )
        return campaign

    def close(self, *, by) -> None:
        if self.is_closed:
            raise ValidationError(_("La campagne est déjà close."), code="closed")
        self.closed_at = timezone.now()
        self.save(update_fields=["closed_at"])


class Participant(models.Model):
    """A member invited to answer: `submitted_at` once they said they were done."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_participations"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("réponses terminées le"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="assessment_participant_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(user)s – %(campaign)s") % {"user": self.user, "campaign": self.campaign}


class AnswerQuerySet(models.QuerySet):
    def of_author(self, user):
        """The only way to read individual answers: one's own."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(author=user)


class Answer(TeamDataChecks, models.Model):
    """One member's level for one dimension, and their comment. Read by its
    author only; the synthesis counts answers without reading who gave them."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="answers")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_answers"
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "dimension", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "dimension", "author"], name="assessment_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("Réponse sur « %(dimension)s »") % {"dimension": self.dimension}


class Consensus(TeamDataChecks, models.Model):
    """The level the team agreed on for a dimension, and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="consensus")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note de synthèse"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["campaign", "dimension"]
        verbose_name = _("niveau retenu par l'équipe")
        verbose_name_plural = _("niveaux retenus par l'équipe")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "dimension"], name="assessment_consensus_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("Consensus sur « %(dimension)s »") % {"dimension": self.dimension}
