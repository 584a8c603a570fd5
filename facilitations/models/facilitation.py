"""Facilitations and their binôme (assignments)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind
from gecolib.models import User
from gecolib.notifications import notify
from gecolib.validators import validate_no_patient_identifier
from structures.followers import register_follower_source, register_writer_source
from structures.models import Membership

from ..enums import (
    CLOSED_FACILITATION_STATUSES,
    FacilitationOutcome,
    FacilitationStatus,
)
from .log import FollowUpAction, Session


class FacilitationQuerySet(models.QuerySet):
    def assigned_to(self, user):
        """Facilitations this facilitator is or was part of the binôme of."""
        return self.filter(pk__in=Assignment.objects.filter(user=user).values("facilitation_id"))

    def visible_to(self, user):
        """Staff: all. Facilitators: those they are or were assigned to. Team
        members: their structure's (shared part only — see the views). The
        requester: the one that followed their request."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()

        q = Q(structure__in=Membership.objects.current().filter(user=user).values("structure_id"))
        q |= Q(request__requester=user)
        if user.is_facilitator:
            q |= Q(pk__in=Assignment.objects.filter(user=user).values("facilitation_id"))
        return self.filter(q)

    def open(self):
        return self.exclude(status__in=CLOSED_FACILITATION_STATUSES)

    def currently_assigned_to(self, user):
        return self.filter(
            pk__in=Assignment.objects.filter(user=user, ended_at__isnull=True).values(
                "facilitation_id"
            )
        )

    def with_activity(self, today: datetime.date | None = None):
        """Annotate last_session_date, next_session_date (the next planned date
        if still ahead), has_overdue (0 when an open follow-up is past due, to
        sort those first) and overdue_count.

        The dates come from columns kept on the facilitation by the log's
        model methods (`refresh_activity`), so sorting a whole list reads no
        other table; only overdue_count is a subquery, which PostgreSQL
        evaluates for the rows of the page only (after the sort and LIMIT)."""
        today = today or timezone.localdate()
        overdue = (
            FollowUpAction.objects.overdue(today)
            .filter(facilitation=OuterRef("pk"))
            .order_by()
            .values("facilitation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            last_session_date=F("last_session_on"),
            next_session_date=Case(
                When(next_planned_on__gte=today, then=F("next_planned_on")),
                default=Value(None),
                output_field=models.DateField(),
            ),
            has_overdue=Case(
                When(open_followups_due_on__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            overdue_count=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
        )

    def refresh_activity(self) -> int:
        """Recompute the activity columns of these facilitations from their log
        (one UPDATE): the first and last sessions' dates, the next session planned by the
        latest one, the earliest due date of the open follow-ups."""
        sessions = Session.objects.filter(facilitation=OuterRef("pk")).order_by(
            "-date", "-created_at", "-pk"
        )
        open_due = (
            FollowUpAction.objects.open()
            .filter(facilitation=OuterRef("pk"))
            .order_by("due_date")
            .values("due_date")[:1]
        )
        return self.update(
            first_session_on=Subquery(sessions.order_by("date", "pk").values("date")[:1]),
            last_session_on=Subquery(sessions.values("date")[:1]),
            next_planned_on=Subquery(sessions.values("next_date")[:1]),
            open_followups_due_on=Subquery(open_due),
        )

    def with_list_related_data(self):
        """Structure, request, and the open binôme (`current_assignments`)."""
        return self.select_related("structure", "request").prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("user"),
                to_attr="current_assignments",
            )
        )


class Facilitation(models.Model):
    structure = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="facilitations",
    )
    request = models.OneToOneField(
        "facilitations.FacilitationRequest",
        verbose_name=_("demande"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitation",
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=FacilitationStatus.choices,
        default=FacilitationStatus.IN_PROGRESS,
    )
    opened_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)
    outcome = models.CharField(
        _("résultat"), max_length=30, choices=FacilitationOutcome.choices, blank=True
    )
    closing_summary = models.TextField(
        _("bilan de clôture"), blank=True, validators=[validate_no_patient_identifier]
    )
    # Kept from the log by `FacilitationQuerySet.refresh_activity` (called by
    # the sessions' and follow-ups' save and delete): lists sort on them
    # without reading the log of every facilitation.
    first_session_on = models.DateField(_("première séance"), null=True, blank=True, editable=False)
    last_session_on = models.DateField(_("dernière séance"), null=True, blank=True, editable=False)
    next_planned_on = models.DateField(
        _("prochaine séance prévue"), null=True, blank=True, editable=False
    )
    open_followups_due_on = models.DateField(
        _("première échéance de suivi ouverte"), null=True, blank=True, editable=False
    )
    feedback_sent_at = models.DateTimeField(
        _("questionnaire de fin envoyé le"), null=True, blank=True, editable=False
    )

    objects = FacilitationQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("facilitation")
        verbose_name_plural = _("facilitations")
        indexes = [
            models.Index(fields=["open_followups_due_on"], name="facilitation_followup_due"),
            models.Index(fields=["next_planned_on"], name="facilitation_next_planned"),
            models.Index(fields=["last_session_on"], name="facilitation_last_session"),
            models.Index(fields=["first_session_on"], name="facilitation_first_session"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["en_cours", "en_pause"], closed_at__isnull=True)
                | Q(status__in=["terminee", "abandonnee"], closed_at__isnull=False),
                name="facilitation_closed_at_matches_status",
                violation_error_message=_(
                    "Une facilitation terminée ou abandonnée a une date de clôture, "
                    "et seulement elle."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(_("Facilitation : %(structure)s") % {"structure": self.structure})

    # --- who may do what -------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_FACILITATION_STATUSES

    def is_binome(self, user, *, current_only: bool = False) -> bool:
        """True when `user` is (or, unless current_only, was) in the binôme."""
        if not user.is_authenticated:
            return False
        assignments = self.assignments.filter(user=user)
        if current_only:
            assignments = assignments.filter(ended_at__isnull=True)
        return assignments.exists()

    def can_see_private(self, user) -> bool:
        """Private notes stay with the binôme (current or past) and staff."""
        return user.is_authenticated and (user.is_staff or self.is_binome(user))

    def can_log(self, user) -> bool:
        """Log sessions, follow-ups and status changes: the current binôme and staff."""
        return user.is_authenticated and (user.is_staff or self.is_binome(user, current_only=True))

    def can_edit_session(self, user) -> bool:
        """A session is edited afterwards by the current binôme and staff: a
        facilitator whose assignment ended reads the log, writes no more."""
        return self.can_log(user)

    def _require_actor(self, by) -> None:
        if not self.can_log(by):
            raise ValidationError(
                _("Seuls le binôme de la facilitation et l'équipe GECO Lib' peuvent la modifier.")
            )

    # --- binôme ----------------------------------------------------------

    @staticmethod
    def check_can_be_assigned(user, kind: str | None = None) -> None:
        """A binôme member is an active facilitator of the right kind who has
        accepted the current charter."""
        if user is None or not user.is_active or not user.facilitator_kind:
            raise ValidationError(_("Cette personne n'est pas facilitateur."))
        if kind and user.facilitator_kind != kind:
            raise ValidationError(
                _("%(user)s n'est pas %(kind)s.")
                % {"user": user.display_name, "kind": FacilitatorKind(kind).label.lower()}
            )
        if not user.has_accepted_current_charter():
            raise ValidationError(
                _("%(user)s n'a pas encore accepté la charte du facilitateur en vigueur.")
                % {"user": user.display_name}
            )

    def assign(self, *, user, by) -> Assignment:
        """Put `user` in the binôme for their kind: the previous open assignment
        of that kind ends now, so the dated history is kept."""
        if by is not None and not by.is_staff:
            raise ValidationError(_("Seule l'équipe GECO Lib' compose les binômes."))
        self.check_can_be_assigned(user)
        kind = user.facilitator_kind
        now = timezone.now()
        with transaction.atomic():
            previous = (
                Assignment.objects.select_for_update()
                .filter(facilitation=self, kind=kind, ended_at__isnull=True)
                .first()
            )
            if previous is not None:
                if previous.user_id == user.pk:
                    return previous
                previous.ended_at = max(now, previous.started_at)
                previous.save(update_fields=["ended_at"])
            assignment = Assignment.objects.create(
                facilitation=self, user=user, kind=kind, started_at=now, assigned_by=by
            )
        if by is not None:
            notify(
                user.email,
                "facilitations/emails/assignment",
                {"facilitation": self, "assignment": assignment, "facilitator": user},
                key=f"assignment-{assignment.pk}",
            )
        return assignment

    # --- status ----------------------------------------------------------

    def pause(self, *, by) -> None:
        self._require_actor(by)
        if self.status != FacilitationStatus.IN_PROGRESS:
            raise ValidationError(
                _("Seule une facilitation en cours peut être mise en pause (elle est « %(s)s »).")
                % {"s": self.get_status_display()}
            )
        self.status = FacilitationStatus.PAUSED
        self.save(update_fields=["status"])

    def resume(self, *, by) -> None:
        self._require_actor(by)
        if self.status != FacilitationStatus.PAUSED:
            raise ValidationError(
                _("Seule une facilitation en pause peut reprendre (elle est « %(s)s »).")
                % {"s": self.get_status_display()}
            )
        self.status = FacilitationStatus.IN_PROGRESS
        self.save(update_fields=["status"])

    def _finish(self, status: str, by, summary: str, outcome: str = "") -> None:
        self._require_actor(by)
        if self.is_closed:
            raise ValidationError(
                _("Cette facilitation est déjà « %(s)s ».") % {"s": self.get_status_display()}
            )
        if not (summary or "").strip():
            raise ValidationError(_("Rédigez le bilan de clôture."))
        self.status = status
        self.outcome = outcome
        self.closing_summary = summary.strip()
        self.closed_at = timezone.now()
        self.save(update_fields=["status", "outcome", "closing_summary", "closed_at"])

    def close(self, *, by, outcome: str, summary: str) -> None:
        """En cours / en pause → terminée, with an outcome and a closing summary."""
        if outcome not in FacilitationOutcome.values:
            raise ValidationError(_("Indiquez le résultat de la facilitation."))
        self._finish(FacilitationStatus.DONE, by, summary, outcome)

    def abandon(self, *, by, summary: str) -> None:
        """En cours / en pause → abandonnée, with a closing summary."""
        self._finish(FacilitationStatus.ABANDONED, by, summary)

    # --- log ---------------------------------------------------------------

    def last_session(self) -> Session | None:
        return self.sessions.order_by("-date", "-created_at").first()

    def team_members(self):
        """Current members of the structure (possible follow-up assignees)."""

        return User.objects.filter(
            pk__in=Membership.objects.current()
            .filter(structure_id=self.structure_id)
            .values("user_id")
        )

    def possible_assignees(self):
        """Who a follow-up may be given to: current team members and the
        binôme's facilitators (current or past)."""
        binome = Assignment.objects.filter(facilitation=self).values("user_id")
        return User.objects.filter(
            Q(pk__in=self.team_members().values("pk")) | Q(pk__in=binome), is_active=True
        ).order_by("last_name", "first_name", "email")


class Assignment(models.Model):
    """A facilitator's place in a facilitation's binôme, over a period: the
    history of who facilitated when. An open assignment has no end date."""

    facilitation = models.ForeignKey(
        Facilitation, on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitateur"),
        on_delete=models.PROTECT,
        related_name="facilitation_assignments",
    )
    kind = models.CharField(
        _("rôle dans le binôme"), max_length=20, choices=FacilitatorKind.choices
    )
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["facilitation", "kind", "-started_at"]
        verbose_name = _("affectation au binôme")
        verbose_name_plural = _("affectations au binôme")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitation", "kind"],
                condition=Q(ended_at__isnull=True),
                name="assignment_one_open_per_kind",
                violation_error_message=_(
                    "Ce binôme a déjà un facilitateur en cours pour ce rôle."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["pro_sante", "charge_mission"]),
                name="assignment_kind_valid",
                violation_error_message=_("Rôle de binôme inconnu."),
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="assignment_ends_after_start",
                violation_error_message=_("La fin d'une affectation suit son début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"


@register_follower_source
def followed_by_facilitator(user):
    """Facilitators follow the structures of their facilitations, current or past."""
    if not user.is_facilitator:
        return None
    return Facilitation.objects.assigned_to(user).values("structure_id")


@register_writer_source
def written_by_facilitator(user):
    """Only the current binôme writes in the structure (its health project)."""
    if not user.is_facilitator:
        return None
    return Facilitation.objects.currently_assigned_to(user).values("structure_id")
