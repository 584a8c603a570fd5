"""Who writes the guide: staff, and the people staff make rédacteurs du guide."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import User


class GuideEditor(models.Model):
    """A rédacteur du guide: writes drafts and submits them for review; staff publish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédacteur"),
        on_delete=models.CASCADE,
        related_name="guide_editor",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nommé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__email"]
        verbose_name = _("rédacteur du guide")
        verbose_name_plural = _("rédacteurs du guide")

    def __str__(self) -> str:
        return str(self.user)


def is_guide_editor(user) -> bool:
    """Staff, or a rédacteur du guide (cached on the user object)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_guide_editor", None)
    if cached is None:
        cached = GuideEditor.objects.filter(user=user).exists()
        user._guide_editor = cached
    return cached


def guide_editors():
    """Who writes the guide now (active staff and active rédacteurs): the
    readers of drafts, of the review list and of the suggestions — the same
    rule as `is_guide_editor`, as a queryset of users."""
    return (
        User.objects.filter(Q(is_staff=True) | Q(guide_editor__isnull=False), is_active=True)
        .distinct()
        .order_by("email")
    )
