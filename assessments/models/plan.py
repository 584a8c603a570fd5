"""The improvement plan: actions attached to a campaign's dimensions — what,
who (a member), by when, with which means — followed like the RCPs'
decisions (a to-do and reminders for the owner, done with a comment). The
next campaign shows which were done."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

from .campaign import Campaign
from .grid import Dimension


class ActionStatus(models.TextChoices):
    OPEN = "a_faire", _("À faire")
    DONE = "realisee", _("Réalisée")


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionStatus.OPEN)

    def visible_to(self, user):
        return self.filter(campaign__in=Campaign.objects.visible_to(user))


class Action(TeamDataChecks, models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        related_name="assessment_actions",
    )
    due_date = models.DateField(_("échéance"))
    means = models.TextField(_("moyens"), blank=True)
    status = models.CharField(
        _("état"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(_("réalisée le"), null=True, blank=True)
    done_comment = models.TextField(_("commentaire"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action d'amélioration")
        verbose_name_plural = _("actions d'amélioration")
        indexes = [models.Index(fields=["status", "due_date"], name="assessment_action_due_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:campaign", args=[self.campaign_id]) + f"#action-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    def mark_done(self, *, by, comment: str) -> None:
        if not self.is_open:
            raise ValidationError(_("Cette action est déjà réalisée."), code="done")
        self.status = ActionStatus.DONE
        self.done_at = timezone.now()
        self.done_by = by
        self.done_comment = comment.strip()
        self.full_clean()
        self.save()
