"""What an editor typed and has not saved yet: a private copy of the editing
form, one per editor and page, kept by the browser every few seconds and when
the editor leaves. It is not a revision: nobody else reads it, it never goes
online, and it is deleted when the form is saved or the editor discards it
(and after `AUTOSAVE_DAYS` in any case)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import Page

# How long an autosave nobody came back for is kept.
AUTOSAVE_DAYS = 30


class PageAutosaveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An editor's own autosaves only (nobody reads another's)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def stale(self, now: datetime.datetime | None = None):
        now = now or timezone.now()
        return self.filter(saved_at__lt=now - datetime.timedelta(days=AUTOSAVE_DAYS))


class PageAutosave(models.Model):
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="autosaves"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédacteur"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    content = models.JSONField(_("texte non enregistré"), default=dict)
    base_revision = models.PositiveIntegerField(_("version de départ"), null=True, blank=True)
    saved_at = models.DateTimeField(_("sauvegardé le"), default=timezone.now)

    objects = PageAutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("sauvegarde automatique")
        verbose_name_plural = _("sauvegardes automatiques")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="guide_autosave_one_per_editor")
        ]

    def __str__(self) -> str:
        return f"{self.page} – {self.user}"
