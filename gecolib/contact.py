"""Messages sent to the GECO Lib' team through the contact page: kept in the
database (listed for staff) and sent by e-mail to every active staff member
(the form and the page: gecolib/public_forms.py, gecolib/views/public_pages.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_no_patient_identifier


class ContactSubject(models.TextChoices):
    FACILITATION = "facilitation", _("Une demande d'accompagnement")
    ACCOUNT = "account", _("Mon compte sur le portail")
    PERSONAL_DATA = "personal_data", _("Mes données personnelles")
    ACCESSIBILITY = "accessibility", _("Un problème d'accessibilité")
    OTHER = "other", _("Autre sujet")


class ContactMessage(models.Model):
    """A message to the team. `user` is the signed-in sender, if any (kept
    empty once their account is closed)."""

    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    subject = models.CharField(_("sujet"), max_length=20, choices=ContactSubject.choices)
    body = models.TextField(
        _("message"), max_length=5000, validators=[validate_no_patient_identifier]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_messages",
        verbose_name=_("compte"),
    )
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message de contact")
        verbose_name_plural = _("messages de contact")

    def __str__(self) -> str:
        return f"{self.name} – {self.get_subject_display()}"
