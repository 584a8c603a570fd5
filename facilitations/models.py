"""Facilitations: the work of a binôme of facilitators with a team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind


class FacilitationStatus(models.TextChoices):
    IN_PROGRESS = "en_cours", _("En cours")
    PAUSED = "en_pause", _("En pause")
    DONE = "terminee", _("Terminée")
    ABANDONED = "abandonnee", _("Abandonnée")


class FacilitationQuerySet(models.QuerySet):
    def assigned_to(self, user):
        """Facilitations this facilitator is or was part of the binôme of."""
        return self.filter(pk__in=Assignment.objects.filter(user=user).values("facilitation_id"))


class Facilitation(models.Model):
    structure = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="facilitations",
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=FacilitationStatus.choices,
        default=FacilitationStatus.IN_PROGRESS,
    )
    opened_at = models.DateTimeField(_("ouverte le"), default=timezone.now)

    objects = FacilitationQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("facilitation")
        verbose_name_plural = _("facilitations")

    def __str__(self) -> str:
        return str(_("Facilitation de %(structure)s") % {"structure": self.structure})


class Assignment(models.Model):
    """A facilitator's place in a facilitation's binôme, over a period: the
    history of who facilitated when. An open assignment has no end date."""

    facilitation = models.ForeignKey(
        Facilitation, on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitateur"),
        on_delete=models.PROTECT,
        related_name="facilitation_assignments",
    )
    kind = models.CharField(
        _("rôle dans le binôme"), max_length=20, choices=FacilitatorKind.choices
    )
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        ordering = ["facilitation", "kind", "-started_at"]
        verbose_name = _("affectation au binôme")
        verbose_name_plural = _("affectations au binôme")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitation", "kind"],
                condition=models.Q(ended_at__isnull=True),
                name="assignment_one_open_per_kind",
                violation_error_message=_(
                    "Ce binôme a déjà un facilitateur en cours pour ce rôle."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"
