"""A change of address or parent proposed by a rédacteur for a page online.

Like the text, it goes through review: it is stored with the draft it was
proposed with (`revision`) and applied when a reviewer publishes that draft,
or a later one (`guide.services.moves`). Staff change a page's address and
parent at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import Page, PageRevision


class PageMove(models.Model):
    page = models.OneToOneField(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="pending_move"
    )
    slug = models.SlugField(_("nouvelle adresse"), max_length=120)
    parent = models.ForeignKey(
        Page,
        verbose_name=_("nouvelle page parente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide : section principale."),
    )
    revision = models.ForeignKey(
        PageRevision,
        verbose_name=_("avec la version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("proposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("déplacement proposé")
        verbose_name_plural = _("déplacements proposés")

    def __str__(self) -> str:
        return f"{self.page_id} → {self.slug}"

    @property
    def changes_slug(self) -> bool:
        return self.slug != self.page.slug

    @property
    def changes_parent(self) -> bool:
        return self.parent_id != self.page.parent_id
