"""Guide pages: a tree of pages, each with a live version and possibly a newer draft.

`Page.body` (and title, summary, kind, themes, audience) hold the LIVE text that
visitors read; every save is a `PageRevision`, and the draft is the latest
revision when it is newer than `live_revision`. A page is archived, never
deleted.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.access import is_adherent
from gecolib.revisions import Revision
from gecolib.team_data import TeamDataChecks

from ..enums import Audience, PageKind, Theme
from .editors import is_guide_editor

CONTENT_KEYS = ("title", "summary", "body", "kind", "themes", "audience")


def audiences_for(user) -> list[str]:
    """The audiences a user may read."""
    if not user.is_authenticated:
        return [Audience.PUBLIC]
    if is_adherent(user):
        return [Audience.PUBLIC, Audience.CONNECTES, Audience.ADHERENTS]
    return [Audience.PUBLIC, Audience.CONNECTES]


class PageQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_live=True, archived_at__isnull=True)

    def visible_to(self, user):
        """Live, non-archived pages the user may read per audience."""
        return self.live().filter(audience__in=audiences_for(user))

    def editable_by(self, user):
        """Every page (drafts and archived included) for editors; none otherwise."""
        return self.all() if is_guide_editor(user) else self.none()

    def not_archived(self):
        return self.filter(archived_at__isnull=True)

    def due_for_review(self, today: datetime.date | None = None):
        """Live pages whose live revision is older than their review period."""
        today = today or timezone.localdate()
        pages = self.live().select_related("live_revision")
        return [page for page in pages if page.review_due_on and page.review_due_on <= today]


class Page(TeamDataChecks, models.Model):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(
        _("adresse"),
        max_length=120,
        unique=True,
        help_text=_("Lettres minuscules, chiffres et tirets : /guide/<adresse>/."),
    )
    summary = models.TextField(_("résumé"), blank=True)
    body = models.TextField(_("texte publié"), blank=True)
    kind = models.CharField(
        _("type"), max_length=10, choices=PageKind.choices, default=PageKind.PAGE
    )
    themes = models.JSONField(_("thèmes"), default=list, blank=True)
    audience = models.CharField(
        _("public"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("page parente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    live_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("version publiée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    latest_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("dernière version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_live = models.BooleanField(_("en ligne"), default=False)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("relire tous les (mois)"),
        default=12,
        help_text=_(
            "La page apparaît dans « À relire » quand sa version publiée est plus ancienne."
        ),
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("publication prévue le"), null=True, blank=True)
    scheduled_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("version à publier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    in_review = models.BooleanField(_("en relecture"), default=False)
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relecture demandée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_revision = models.ForeignKey(
        "PageRevision",
        verbose_name=_("version en relecture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("La version envoyée en relecture : celle que l'approbation publie."),
    )
    review_note = models.TextField(_("remarques de relecture"), blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("page du guide")
        verbose_name_plural = _("pages du guide")
        indexes = [models.Index(fields=["parent", "position"], name="guide_page_tree")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:page", args=[self.slug])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def has_draft(self) -> bool:
        """A saved revision newer than the live one."""
        return bool(self.latest_revision_id and self.latest_revision_id != self.live_revision_id)

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.themes if code in labels]

    @property
    def review_due_on(self) -> datetime.date | None:
        if not self.is_live or self.live_revision is None:
            return None
        published = timezone.localdate(self.live_revision.created_at)
        month = published.month - 1 + self.review_months
        year, month = published.year + month // 12, month % 12 + 1
        day = min(published.day, 28)
        return datetime.date(year, month, day)

    def draft_content(self) -> dict:
        """The text an editor works on: the latest revision, else the live fields."""
        if self.latest_revision is not None:
            return dict(self.latest_revision.content)
        return self.live_content()

    def live_content(self) -> dict:
        return {key: getattr(self, key) for key in CONTENT_KEYS}

    def ancestors(self) -> list[Page]:
        """From the root down to the parent (one query per level; trees are shallow)."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))

    def descendant_ids(self) -> set[int]:
        """Ids of every page below this one (one query)."""
        pairs = list(Page.objects.values_list("pk", "parent_id"))
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in pairs:
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), list(children.get(self.pk, []))
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, []))
        return found


class PageRevision(TeamDataChecks, Revision):
    """One saved state of a page; content keys: title, summary, body, kind,
    themes, audience. Its comment is checked by TeamDataChecks; its content
    (JSON) by `guide.services.checks`, with the same rule."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("version de page")
        verbose_name_plural = _("versions de page")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="guide_page_revision_unique_number"
            )
        ]

    @property
    def title(self) -> str:
        return self.content.get("title", "")

    @property
    def body(self) -> str:
        return self.content.get("body", "")


class SlugRedirect(models.Model):
    """An old address of a renamed page: answers a permanent redirect."""

    old_slug = models.SlugField(_("ancienne adresse"), max_length=120, unique=True)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("redirection")
        verbose_name_plural = _("redirections")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.page.slug}"
