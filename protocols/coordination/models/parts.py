"""What a coordination protocol holds beside its text: the ordered steps (qui,
quoi, quand, comment), the evaluation indicators with their dated values, and
the design meetings (the field's advice: at most 3 meetings, 6 hours).

Every free text and date is checked at the model level (`TeamDataChecks`): no
patient identity, dates between 2000 and 2100."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

# Design advice (HAS): at most 3 meetings of 2 hours.
ADVISED_MEETINGS = 3
ADVISED_MINUTES = 6 * 60


class ProtocolStep(TeamDataChecks, models.Model):
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveIntegerField(_("ordre"))
    who = models.CharField(
        _("qui"),
        max_length=200,
        help_text=_("Profession ou rôle."),
    )
    what = models.TextField(_("quoi"), max_length=2000)
    when = models.CharField(_("quand"), max_length=200, blank=True)
    how = models.TextField(
        _("comment"),
        max_length=2000,
        blank=True,
        help_text=_("Outils, documents, moyens."),
    )

    class Meta:
        ordering = ["protocol", "position", "pk"]
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")

    def __str__(self) -> str:
        return f"{self.position}. {self.who}"


class Indicator(TeamDataChecks, models.Model):
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    name = models.CharField(_("indicateur"), max_length=200)
    target = models.CharField(_("cible"), max_length=200, blank=True)
    measure = models.CharField(
        _("mode de mesure"),
        max_length=300,
        blank=True,
    )

    class Meta:
        ordering = ["protocol", "position", "pk"]
        verbose_name = _("indicateur d'évaluation")
        verbose_name_plural = _("indicateurs d'évaluation")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TeamDataChecks, models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(
        _("valeur"),
        max_digits=10,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("-99999999")),
            MaxValueValidator(Decimal("99999999")),
        ],
    )
    comment = models.CharField(_("commentaire"), max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "date", "pk"]
        verbose_name = _("valeur d'indicateur")
        verbose_name_plural = _("valeurs d'indicateur")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="indicator_value_one_per_date",
                violation_error_message=_("Une valeur est déjà saisie à cette date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.date}: {self.value}"


class DesignMeeting(TeamDataChecks, models.Model):
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("durée (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    participants = models.CharField(
        _("participants"),
        max_length=500,
        blank=True,
        help_text=_("Par exemple : 2 médecins, 3 infirmières, 1 pharmacienne."),
    )

    class Meta:
        ordering = ["protocol", "date", "pk"]
        verbose_name = _("réunion de conception")
        verbose_name_plural = _("réunions de conception")

    def __str__(self) -> str:
        return f"{self.protocol_id} {self.date}"


def meeting_warning(meetings) -> dict | None:
    """The field's advice, broken: more than 3 meetings or 6 hours in total."""
    meetings = list(meetings)
    minutes = sum(m.duration_minutes for m in meetings)
    if len(meetings) <= ADVISED_MEETINGS and minutes <= ADVISED_MINUTES:
        return None
    return {"count": len(meetings), "hours": round(minutes / 60, 1)}
