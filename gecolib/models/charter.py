"""The facilitators' charter: its versions and who accepted which."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..revisions import (
    Revision,
    latest_revision,
    latest_revision_in_query,
    restore_revision,
    save_revision,
)


class Charter(Revision):
    """A version of the facilitators' charter; `content` holds its title and
    Markdown text. The highest number is in force: each new version, restored
    ones included, must be accepted again by every facilitator."""

    DEFAULT_TITLE = _("Charte du facilitateur")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                name="charter_unique_number",
                violation_error_message=_("Cette version de la charte existe déjà."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @classmethod
    def current(cls) -> Charter | None:
        return latest_revision(cls.objects)

    @classmethod
    def current_in_query(cls) -> Subquery:
        """The current charter's id, as a subquery: a list that asks, row by
        row, whether it was accepted reads it in the same query."""
        return latest_revision_in_query(cls.objects)

    @classmethod
    def save_revision(cls, *, title: str, text: str, by, comment: str = "") -> Charter:
        """Publish a new version of the charter (numbered under lock)."""
        return save_revision(cls.objects, cls.make_content(title, text), by=by, comment=comment)

    @classmethod
    def restore(cls, charter: Charter, *, by, comment: str = "") -> Charter:
        """Publish an old text again as a new version."""
        return restore_revision(cls.objects, charter, by=by, comment=comment)

    @staticmethod
    def make_content(title: str, text: str) -> dict[str, str]:
        return {"title": title.strip(), "text": text.replace("\r\n", "\n").strip()}

    @property
    def title(self) -> str:
        return self.content.get("title") or str(self.DEFAULT_TITLE)

    @property
    def text(self) -> str:
        return self.content.get("text", "")


class CharterAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("acceptée le"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("acceptation de la charte")
        verbose_name_plural = _("acceptations de la charte")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "charter"],
                name="charter_acceptance_unique",
                violation_error_message=_("Cette version de la charte est déjà acceptée."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – v{self.charter.number}"
