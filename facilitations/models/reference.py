"""Reference lists of facilitations: needs and help types (loaded by migration)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.Model):
    """What a team asks help for (reference list, loaded by migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    creates_kind = models.CharField(
        _("type de structure créée"),
        max_length=20,
        blank=True,
        help_text=_("Pour « créer une ESP/MSP/CPTS » : le type de structure visé."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")

    def __str__(self) -> str:
        return self.label


class HelpType(models.Model):
    """A kind of help given during a session (reference list)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("aide apportée")
        verbose_name_plural = _("aides apportées")

    def __str__(self) -> str:
        return self.label
