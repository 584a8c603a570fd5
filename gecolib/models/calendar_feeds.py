"""The secret of a user's personal calendar feed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeedToken(models.Model):
    """The secret of a user's personal calendar feed (gecolib.calendar.events_for):
    whoever holds the URL reads the feed, without signing in. Revoking deletes
    it; a new one makes the old URL stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("lien d'agenda personnel")
        verbose_name_plural = _("liens d'agenda personnels")

    def __str__(self) -> str:
        return f"{self.user} – {self.token[:6]}…"

    @classmethod
    def renew(cls, user) -> CalendarFeedToken:
        """A new secret for `user` (the previous URL stops working)."""
        token = secrets.token_urlsafe(32)
        feed, _created = cls.objects.update_or_create(
            user=user, defaults={"token": token, "created_at": timezone.now()}
        )
        return feed
