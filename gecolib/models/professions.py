"""The health professions a user may declare (ANS nomenclature TRE_G15)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import ProfessionCategory


class Profession(models.Model):
    """A health profession of the ANS nomenclature TRE_G15 (code = ANS code)."""

    code = models.CharField(_("code ANS"), max_length=4, unique=True)
    name = models.CharField(_("libellé"), max_length=100)
    category = models.CharField(_("catégorie"), max_length=20, choices=ProfessionCategory.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession de santé")
        verbose_name_plural = _("professions de santé")

    def __str__(self) -> str:
        return self.name

    @property
    def is_paramedical(self) -> bool:
        """Counts as 'paramedical' in the ESP/MSP team rules: any non-physician
        health profession of the first line."""
        return self.code != "10"
