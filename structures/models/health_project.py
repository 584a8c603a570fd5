"""The health project (projet de santé) of a structure and its versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import HealthProjectStatus


class HealthProject(models.Model):
    """One per structure. `sections` holds the current Markdown of each section
    (keys: HealthProjectSection values); every save also writes a version."""

    structure = models.OneToOneField(
        "structures.Structure", on_delete=models.CASCADE, related_name="health_project"
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=HealthProjectStatus.choices,
        default=HealthProjectStatus.DRAFT,
    )
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("projet de santé")
        verbose_name_plural = _("projets de santé")

    def __str__(self) -> str:
        return str(_("Projet de santé – %(structure)s") % {"structure": self.structure})


class HealthProjectVersion(models.Model):
    project = models.ForeignKey(HealthProject, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    sections = models.JSONField(_("sections"), default=dict)
    status = models.CharField(
        _("statut au moment de l'enregistrement"),
        max_length=20,
        choices=HealthProjectStatus.choices,
        default=HealthProjectStatus.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistrée le"), default=timezone.now)
    comment = models.CharField(_("commentaire"), max_length=255, blank=True)
    frozen = models.BooleanField(
        _("figée"), default=False, help_text=_("Version soumise à l'ARS : elle ne change plus.")
    )
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restaurée depuis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("version du projet de santé")
        verbose_name_plural = _("versions du projet de santé")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="health_project_version_unique_number",
                violation_error_message=_("Ce numéro de version existe déjà."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} – v{self.number}"
