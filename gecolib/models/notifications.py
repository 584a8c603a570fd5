"""The e-mails of the portal, kept until sent (idempotent), and the reminders
a user turned off."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Attempts after which a notification is left to staff (admin action "renvoyer").
NOTIFICATION_MAX_ATTEMPTS = 24


class SentNotificationQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def to_retry(self, *, older_than: datetime.timedelta):
        """Unsent notifications created more than `older_than` ago (their own
        send task had its chance) that have not used up their attempts."""
        return (
            self.unsent()
            .filter(
                created_at__lt=timezone.now() - older_than,
                attempts__lt=NOTIFICATION_MAX_ATTEMPTS,
            )
            .order_by("created_at")
        )

    def forget_addresses(self, addresses) -> int:
        """Take `addresses` out of the recipients kept with each notification
        already sent (an outside guest's address, kept only for their
        meeting); one still to send keeps them until it is sent. Returns how
        many notifications were changed."""
        forgotten = {address.lower() for address in addresses if address}
        changed = {}
        for address in forgotten:
            for notification in self.filter(sent_at__isnull=False, recipients__icontains=address):
                kept = [to for to in notification.recipients if to.lower() not in forgotten]
                if kept != notification.recipients:
                    notification.recipients = kept
                    changed[notification.pk] = notification
        self.model.objects.bulk_update(changed.values(), ["recipients"])
        return len(changed)


class SentNotification(models.Model):
    """One e-mail of the portal, stored before it is sent so it can be re-sent.

    The unique key makes sending idempotent: a reminder job run twice (or
    retried after a broker outage) creates nothing the second time. `sent_at`
    is set only once the mail server accepted the message; until then the sweep
    (`gecolib.tasks.send_pending_notifications`) tries again."""

    key = models.CharField(_("clé"), max_length=255, unique=True)
    template = models.CharField(_("gabarit"), max_length=200, blank=True)
    recipients = models.JSONField(_("destinataires"), default=list)
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("texte"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives d'envoi"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=255, blank=True)
    attachments = models.JSONField(
        _("pièces jointes"),
        default=list,
        blank=True,
        help_text=_("Fichiers joints, stockés avec l'e-mail pour être renvoyés tels quels."),
    )

    objects = SentNotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="notification_unsent_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class ReminderOptOut(models.Model):
    """A kind of reminder (`gecolib.reminders`) a user asked not to receive.
    No row: the reminder is sent (every optional reminder is on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(_("type de rappel"), max_length=50)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("rappel désactivé")
        verbose_name_plural = _("rappels désactivés")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="reminder_opt_out_unique",
                violation_error_message=_("Ce rappel est déjà désactivé."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"
