"""One-time form tokens: a form that creates something does it once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A one-time token of a form that creates something (gecolib/idempotency.py):
    claimed by the first POST that carries it, so that a double click or a replay
    creates nothing more and is sent to what the first one created."""

    token = models.CharField(_("jeton"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    result_url = models.CharField(_("page du résultat"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("envoi de formulaire")
        verbose_name_plural = _("envois de formulaire")

    def __str__(self) -> str:
        return f"{self.token[:8]}… → {self.result_url}"
