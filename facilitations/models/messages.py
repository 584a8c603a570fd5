"""Messages exchanged about a request, and what each person has read of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.validators import validate_no_patient_identifier


class RequestMessage(models.Model):
    """A message exchanged between staff and the requester about a request."""

    request = models.ForeignKey(
        "facilitations.FacilitationRequest", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), validators=[validate_no_patient_identifier])
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.author} – {self.created_at:%d/%m/%Y}"


class RequestReadMark(models.Model):
    """When a person last opened a request: the messages posted since are new
    to them (the unread markers and counts of the triage queue and of « Mes
    demandes »). One row per request and person, moved forward at each visit."""

    request = models.ForeignKey(
        "facilitations.FacilitationRequest", on_delete=models.CASCADE, related_name="read_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("lue le"), default=timezone.now)

    class Meta:
        verbose_name = _("lecture d'une demande")
        verbose_name_plural = _("lectures des demandes")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "user"],
                name="request_read_mark_once_per_user",
                violation_error_message=_("Cette lecture est déjà enregistrée."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.read_at:%d/%m/%Y %H:%M}"
