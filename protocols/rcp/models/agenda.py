"""The agenda of an RCP: ordered items; a case carries a pseudonymous label
numbered per structure and year (CAS-2026-014) and a description without
anything that identifies the patient. The item's summary is its part of the
minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks
from structures.models import Structure

from ..enums import ItemKind
from .meetings import Meeting


class CaseCounter(models.Model):
    """The last case number given in a structure for a year. Its row is
    locked while a number is allocated, so two cases added at once never get
    the same label."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("numérotation des cas")
        verbose_name_plural = _("numérotations des cas")
        constraints = [
            models.UniqueConstraint(fields=["structure", "year"], name="rcp_case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.structure} {self.year}: {self.last}"


def allocate_case_label(structure: Structure, year: int) -> str:
    """The next label of the structure's cases for `year`: CAS-YYYY-NNN."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseCounter.objects.get_or_create(structure=structure, year=year)
        except IntegrityError:  # created meanwhile by a concurrent allocation
            pass
        counter = CaseCounter.objects.select_for_update().get(structure=structure, year=year)
        CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
    return f"CAS-{year}-{counter.last:03d}"


class AgendaItem(TeamDataChecks, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    kind = models.CharField(_("type de point"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présenté par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_minutes = models.PositiveSmallIntegerField(_("durée prévue (minutes)"), default=15)
    case_label = models.CharField(_("référence du cas"), max_length=20, blank=True, editable=False)
    description = models.TextField(
        _("situation présentée"),
        blank=True,
        help_text=_(
            "Sans nom, date de naissance, numéro de sécurité sociale, téléphone ni adresse "
            "e-mail : le cas est désigné par sa référence."
        ),
    )
    summary = models.TextField(_("synthèse des échanges"), blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_(
            "Augmente à chaque modification du point : une modification partie d'une "
            "version plus ancienne est refusée (rien n'est écrasé)."
        ),
    )

    # The case label is numbered by the portal (CAS-2026-014), never typed.
    team_data_exempt = ("case_label",)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")

    def __str__(self) -> str:
        return f"{self.case_label} {self.title}".strip()

    def save(self, *args, **kwargs) -> None:
        if self.is_case and not self.case_label:
            self.case_label = allocate_case_label(self.meeting.structure, self.meeting.date.year)
        super().save(*args, **kwargs)

    @property
    def is_case(self) -> bool:
        return self.kind == ItemKind.CASE
