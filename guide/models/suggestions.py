"""Suggestions from the network: a change to a page, or a new sheet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

from ..enums import SuggestionStatus
from .attachments import attachment_path
from .pages import Page


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=SuggestionStatus.NEW)


class Suggestion(TeamDataChecks, models.Model):
    page = models.ForeignKey(
        Page,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text=_("Vide : proposition d'une nouvelle fiche."),
    )
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"))
    proposed_body = models.TextField(
        _("texte proposé"),
        blank=True,
        help_text=_("Le texte de la page tel que la personne propose de le modifier."),
    )
    base_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("version lue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("La version de la page que la personne a modifiée."),
    )
    file = models.FileField(_("fichier joint"), upload_to=attachment_path, blank=True)
    original_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    mime_type = models.CharField(_("type"), max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="guide_suggestions",
    )
    created_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    status = models.CharField(
        _("état"), max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    answer = models.TextField(_("réponse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("répondu par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    draft_page = models.ForeignKey(
        Page,
        verbose_name=_("brouillon créé"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SuggestionQuerySet.as_manager()

    # Read from the file's content, never typed; the proposed text is checked
    # like a page's (guide.services.checks), against the version it changes.
    team_data_exempt = ("mime_type", "proposed_body")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return self.title

    @property
    def proposes_text(self) -> bool:
        """A change to the page's text, shown as a diff (else a message only)."""
        return bool(self.page_id and self.proposed_body)
