"""What an RCP decides, followed up until done or abandoned; and the minutes'
revisions (frozen when validated, a new one for each amendment)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import Revision
from gecolib.team_data import TeamDataChecks

from ..enums import DecisionStatus
from .agenda import AgendaItem
from .meetings import Meeting, check_team_data, structures_with_rcp_visible_to


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(meeting__structure__in=structures_with_rcp_visible_to(user))

    def open(self):
        return self.filter(status=DecisionStatus.OPEN)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def owned_by(self, user):
        return self.filter(owner=user)

    def with_list_related_data(self):
        return self.select_related("owner__profession", "meeting", "item")

    def most_urgent_first(self):
        """Those to do first, by due date (overdue ones lead); then the closed
        ones, the most recently closed first."""
        is_open = models.Q(status=DecisionStatus.OPEN)
        return self.annotate(
            closed_rank=models.Case(models.When(is_open, then=0), default=1),
            open_due_date=models.Case(models.When(is_open, then="due_date")),
        ).order_by(
            "closed_rank",
            models.F("open_due_date").asc(nulls_last=True),
            models.F("closed_at").desc(nulls_last=True),
            "pk",
        )


class Decision(TeamDataChecks, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("point de l'ordre du jour"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.CharField(_("décision"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        related_name="rcp_decisions",
    )
    due_date = models.DateField(_("échéance"))
    to_protocol = models.BooleanField(
        _("à formaliser en protocole"),
        default=False,
        help_text=_("La décision appelle un protocole de coordination."),
    )
    ppcs = models.BooleanField(
        _("PPCS"),
        default=False,
        help_text=_("Plan personnalisé de coordination en santé à mettre en place."),
    )
    status = models.CharField(
        _("état"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    closing_comment = models.TextField(_("commentaire"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        indexes = [models.Index(fields=["status", "due_date"], name="rcp_decision_due_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.status == DecisionStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def done_on_time(self) -> bool:
        return (
            self.status == DecisionStatus.DONE
            and self.closed_at is not None
            and timezone.localtime(self.closed_at).date() <= self.due_date
        )

    def is_read_by(self, user) -> bool:
        """Whether `user` may read this decision now (the pages' rule)."""
        return user.is_active and type(self).objects.visible_to(user).filter(pk=self.pk).exists()

    def _close(self, status: str, *, by, comment: str, names_confirmed: bool = False) -> None:
        if not self.is_open:
            raise ValidationError(_("Cette décision est déjà close."))
        kept, self.closing_comment = self.closing_comment, comment.strip()
        self.names_confirmed = names_confirmed
        try:
            check_team_data(self, "closing_comment")
        except ValidationError:
            self.closing_comment = kept
            raise
        self.status, self.closed_at, self.closed_by = status, timezone.now(), by
        self.save(update_fields=["status", "closed_at", "closed_by", "closing_comment"])

    def mark_done(self, *, by, comment: str = "", names_confirmed: bool = False) -> None:
        self._close(DecisionStatus.DONE, by=by, comment=comment, names_confirmed=names_confirmed)

    def abandon(self, *, by, comment: str, names_confirmed: bool = False) -> None:
        if not comment.strip():
            raise ValidationError(_("Dites en un mot pourquoi la décision est abandonnée."))
        self._close(
            DecisionStatus.ABANDONED, by=by, comment=comment, names_confirmed=names_confirmed
        )

    def reopen(self, *, by) -> None:
        if self.is_open:
            raise ValidationError(_("Cette décision est déjà à faire."))
        self.status, self.closed_at, self.closed_by = DecisionStatus.OPEN, None, None
        self.save(update_fields=["status", "closed_at", "closed_by"])


class MinutesRevision(TeamDataChecks, Revision):
    """A validated state of a meeting's minutes: what was sent to the invited
    members. Frozen: an amendment is a new revision, sent again; its comment
    (what the amendment changes) is checked like every free text."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_revisions")

    frozen_message = _(
        "Ce compte rendu validé est figé : amendez-le pour en créer une nouvelle version."
    )

    class Meta:
        ordering = ["meeting", "-number"]
        verbose_name = _("version du compte rendu")
        verbose_name_plural = _("versions du compte rendu")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="rcp_minutes_revision_unique_number"
            )
        ]
