"""The facilitation log: sessions, participants by profession, follow-up actions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import Profession
from gecolib.validators import validate_no_patient_identifier

from ..enums import (
    Phase,
    SessionMode,
)
from .reference import HelpType


def _facilitations_visible_to(queryset, user):
    """The facilitations a user may see, reached through the `facilitation` foreign key
    (this module comes before the facilitation module, which imports it)."""
    facilitation_model = queryset.model._meta.get_field("facilitation").related_model
    return facilitation_model.objects.visible_to(user)


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(facilitation__in=_facilitations_visible_to(self, user))

    def with_list_related_data(self):
        """Help given, participants by profession and author, for the log."""
        return self.select_related("created_by").prefetch_related(
            "help_given",
            Prefetch(
                "participations",
                queryset=SessionParticipation.objects.select_related("profession"),
            ),
        )


class _KeepsFacilitationActivity:
    """Saving or deleting a session or a follow-up refreshes the activity
    columns of its facilitation (last session, next planned, first open due
    date), which the lists sort on. Bulk writes call `refresh_activity()` on
    the facilitations they touched."""

    def _refresh_activity(self) -> None:
        facilitations = self._meta.get_field("facilitation").related_model.objects
        facilitations.filter(pk=self.facilitation_id).refresh_activity()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._refresh_activity()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._refresh_activity()
        return result


class Session(_KeepsFacilitationActivity, models.Model):
    """A facilitation session logged by the binôme. `shared_summary` is shown
    to the team; `private_notes` never leave the binôme and staff."""

    facilitation = models.ForeignKey(
        "facilitations.Facilitation", on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"))
    mode = models.CharField(
        _("modalité"), max_length=20, choices=SessionMode.choices, default=SessionMode.ON_SITE
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    help_given = models.ManyToManyField(
        HelpType, verbose_name=_("aides apportées"), related_name="sessions", blank=True
    )
    shared_summary = models.TextField(
        _("synthèse partagée avec l'équipe"),
        blank=True,
        validators=[validate_no_patient_identifier],
    )
    private_notes = models.TextField(
        _("notes privées du binôme"), blank=True, validators=[validate_no_patient_identifier]
    )
    next_steps = models.TextField(
        _("prochaines étapes"), blank=True, validators=[validate_no_patient_identifier]
    )
    next_date = models.DateField(_("prochaine séance prévue"), null=True, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants ayant un compte sur le portail"),
        related_name="facilitation_sessions_attended",
        blank=True,
        help_text=_("Ceux qui étaient présents recevront le questionnaire de fin de facilitation."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        # Statistics and exports select a period's sessions by date.
        indexes = [models.Index(fields=["date"], name="session_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0, duration_minutes__lte=24 * 60),
                name="session_duration_positive",
                violation_error_message=_(
                    "La durée doit être comprise entre 1 minute et 24 heures."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.facilitation} – {self.date:%d/%m/%Y}"

    @property
    def participant_total(self) -> int:
        return sum(p.count for p in self.participations.all())


class SessionParticipation(models.Model):
    """Number of participants of a profession at a session (no names)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participations")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(_("nombre"))

    class Meta:
        ordering = ["session", "profession__name"]
        verbose_name = _("participants par profession")
        verbose_name_plural = _("participants par profession")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "profession"], name="session_participation_unique"
            ),
            models.CheckConstraint(
                condition=Q(count__gt=0), name="session_participation_count_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profession} × {self.count}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def visible_to(self, user):
        return self.filter(facilitation__in=_facilitations_visible_to(self, user))


class FollowUpAction(_KeepsFacilitationActivity, models.Model):
    facilitation = models.ForeignKey(
        "facilitations.Facilitation", on_delete=models.CASCADE, related_name="follow_ups"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("séance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    title = models.CharField(
        _("action"), max_length=255, validators=[validate_no_patient_identifier]
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        help_text=_("Un membre de l'équipe ou un facilitateur du binôme."),
    )
    due_date = models.DateField(_("échéance"))
    done_at = models.DateTimeField(_("faite le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_date"]
        verbose_name = _("action de suivi")
        verbose_name_plural = _("actions de suivi")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return not self.is_done and self.due_date < (today or timezone.localdate())

    def can_toggle(self, user) -> bool:
        """The binôme, staff, and the person the action is given to."""
        return user.is_authenticated and (
            self.facilitation.can_log(user) or user.pk == self.assignee_id
        )

    def mark_done(self, *, by) -> None:
        if not self.can_toggle(by):
            raise ValidationError(_("Vous ne pouvez pas modifier cette action."))
        if self.is_done:
            raise ValidationError(_("Cette action est déjà faite."))
        self.done_at = timezone.now()
        self.save(update_fields=["done_at"])

    def reopen(self, *, by) -> None:
        if not self.can_toggle(by):
            raise ValidationError(_("Vous ne pouvez pas modifier cette action."))
        if not self.is_done:
            raise ValidationError(_("Cette action n'est pas encore faite."))
        self.done_at = None
        self.save(update_fields=["done_at"])
