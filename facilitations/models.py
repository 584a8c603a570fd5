"""Facilitation requests, facilitations, the binôme, session logs and follow-ups."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind
from gecolib.models import EPCI, Profession

from .enums import (
    CLOSED_FACILITATION_STATUSES,
    OPEN_REQUEST_STATUSES,
    FacilitationOutcome,
    FacilitationStatus,
    Phase,
    RequestStatus,
    SessionMode,
)


class Need(models.Model):
    """What a team asks help for (reference list, loaded by migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    creates_kind = models.CharField(
        _("type de structure créée"),
        max_length=20,
        blank=True,
        help_text=_("Pour « créer une ESP/MSP/CPTS » : le type de structure visé."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")

    def __str__(self) -> str:
        return self.label


class HelpType(models.Model):
    """A kind of help given during a session (reference list)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("aide apportée")
        verbose_name_plural = _("aides apportées")

    def __str__(self) -> str:
        return self.label


class FacilitationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requesters see their own requests; staff see all; facilitators see
        those of the facilitations they are or were assigned to."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        q = Q(requester=user)
        if user.is_facilitator:
            q |= Q(facilitation__in=Facilitation.objects.assigned_to(user))
        return self.filter(q)

    def open(self):
        """Awaiting a decision: déposée or en cours d'examen."""
        return self.filter(status__in=OPEN_REQUEST_STATUSES)

    def with_list_related_data(self):
        """What the lists of requests show (triage queue, "Mes demandes")."""
        return self.select_related(
            "requester", "structure", "epci__department", "reviewer"
        ).prefetch_related("needs")


class FacilitationRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.PROTECT,
        related_name="facilitation_requests",
    )
    structure = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("structure existante"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitation_requests",
    )
    project_name = models.CharField(_("nom du projet"), max_length=200, blank=True)
    epci = models.ForeignKey(
        EPCI, verbose_name=_("territoire (EPCI)"), on_delete=models.PROTECT, related_name="+"
    )
    needs = models.ManyToManyField(Need, verbose_name=_("besoins"), related_name="requests")
    other_need = models.CharField(_("autre besoin"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    professions = models.ManyToManyField(
        Profession, verbose_name=_("professions déjà impliquées"), related_name="+", blank=True
    )
    availability = models.TextField(_("disponibilités"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    redirected_to = models.CharField(_("orientée vers"), max_length=255, blank=True)
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examinée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Membre de l'équipe GECO Lib' qui a pris la demande en charge."),
    )

    objects = FacilitationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("demande d'accompagnement")
        verbose_name_plural = _("demandes d'accompagnement")
        constraints = [
            models.CheckConstraint(
                condition=~Q(structure__isnull=True, project_name=""),
                name="request_structure_or_project_name",
                violation_error_message=_(
                    "Indiquez la structure concernée ou le nom du nouveau projet."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.team_name

    @property
    def team_name(self) -> str:
        return self.structure.name if self.structure_id else self.project_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    @property
    def staff_contact(self):
        """The staff member who handles the request (took it or decided), if any."""
        return self.decided_by or self.reviewer

    def _require_open(self, action: str) -> None:
        if not self.is_open:
            raise ValidationError(
                _("Impossible de %(action)s : la demande est déjà « %(status)s ».")
                % {"action": action, "status": self.get_status_display()}
            )

    @staticmethod
    def _require_staff(by) -> None:
        if not getattr(by, "is_staff", False):
            raise ValidationError(_("Seule l'équipe GECO Lib' peut traiter une demande."))

    def _decide(self, status: str, by) -> None:
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        if self.reviewer_id is None:
            self.reviewer = by

    def _notify_requester(self) -> None:
        from gecolib.notifications import notify

        binome = []
        if self.status == RequestStatus.ACCEPTED:
            binome = list(
                Assignment.objects.filter(
                    facilitation__request=self, ended_at__isnull=True
                ).select_related("user")
            )
        notify(
            self.requester.email,
            "facilitations/emails/request_status",
            {"req": self, "requester": self.requester, "binome": binome},
            key=f"request-{self.pk}-status-{self.status}",
        )

    def start_review(self, *, by) -> None:
        """Déposée → en cours d'examen: a staff member takes the request."""
        self._require_staff(by)
        if self.status != RequestStatus.SUBMITTED:
            raise ValidationError(
                _("Seule une demande déposée peut être mise en examen (elle est « %(status)s »).")
                % {"status": self.get_status_display()}
            )
        self.status = RequestStatus.UNDER_REVIEW
        self.reviewer = by
        self.save(update_fields=["status", "reviewer", "updated_at"])
        self._notify_requester()

    def accept(
        self,
        *,
        by,
        facilitator,
        project_officer,
        structure=None,
        new_structure_kind: str | None = None,
        new_structure_name: str = "",
    ) -> Facilitation:
        """Accept the request: open a facilitation for an existing structure, or
        for a structure created from the request (kind, name, EPCI), and form
        its binôme. The requester of a new project becomes its first member."""
        from structures.enums import MembershipRole
        from structures.models import Membership, Structure

        self._require_staff(by)
        self._require_open(_("accepter la demande"))
        structure = structure or self.structure
        if structure is None and not new_structure_kind:
            raise ValidationError(
                _("Choisissez une structure existante ou le type de la structure à créer.")
            )
        with transaction.atomic():
            if structure is None:
                structure = Structure.objects.create(
                    kind=new_structure_kind, name=new_structure_name or self.project_name
                )
                structure.epcis.set([self.epci_id])
                Membership.objects.create(
                    user=self.requester, structure=structure, role=MembershipRole.COORDINATOR
                )
            self.structure = structure
            self._decide(RequestStatus.ACCEPTED, by)
            self.save()
            facilitation = Facilitation.objects.create(structure=structure, request=self)
            facilitation.assign(user=facilitator, by=by)
            facilitation.assign(user=project_officer, by=by)
        self._notify_requester()
        return facilitation

    def redirect(self, *, by, to: str) -> None:
        """Orient the team elsewhere (e.g. the ARS referent of the department)."""
        self._require_staff(by)
        self._require_open(_("orienter la demande"))
        if not (to or "").strip():
            raise ValidationError(_("Indiquez vers qui la demande est orientée."))
        self.redirected_to = to.strip()
        self._decide(RequestStatus.REDIRECTED, by)
        self.save()
        self._notify_requester()

    def decline(self, *, by, reason: str) -> None:
        self._require_staff(by)
        self._require_open(_("décliner la demande"))
        if not (reason or "").strip():
            raise ValidationError(_("Indiquez le motif du refus."))
        self.decline_reason = reason.strip()
        self._decide(RequestStatus.DECLINED, by)
        self.save()
        self._notify_requester()

    def can_post_message(self, user) -> bool:
        return user.is_authenticated and (user.is_staff or user.pk == self.requester_id)

    def post_message(self, *, by, body: str) -> RequestMessage:
        """Add a message and e-mail it to the other side: the requester when
        staff writes; the staff member handling the request (else all staff)
        when the requester writes."""
        from gecolib.models import User
        from gecolib.notifications import notify

        if not self.can_post_message(by):
            raise ValidationError(
                _("Seuls le demandeur et l'équipe GECO Lib' échangent sur une demande.")
            )
        if not (body or "").strip():
            raise ValidationError(_("Le message est vide."))
        message = RequestMessage.objects.create(request=self, author=by, body=body.strip())
        if by.pk == self.requester_id:
            contact = self.staff_contact
            recipients = (
                [contact.email]
                if contact is not None and contact.is_active
                else list(
                    User.objects.filter(is_staff=True, is_active=True).values_list(
                        "email", flat=True
                    )
                )
            )
        else:
            recipients = [self.requester.email]
        notify(
            recipients,
            "facilitations/emails/request_message",
            {"req": self, "message": message},
            key=f"request-message-{message.pk}",
        )
        return message


class RequestMessage(models.Model):
    """A message exchanged between staff and the requester about a request."""

    request = models.ForeignKey(
        FacilitationRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.author} – {self.created_at:%d/%m/%Y}"


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
        from structures.models import Membership

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
        still ahead) and overdue_count (open follow-ups past due), with
        subqueries so that the row count never multiplies."""
        today = today or timezone.localdate()
        sessions = Session.objects.filter(facilitation=OuterRef("pk"))
        last = sessions.order_by("-date").values("date")[:1]
        upcoming = (
            sessions.filter(next_date__gte=today).order_by("next_date").values("next_date")[:1]
        )
        overdue = (
            FollowUpAction.objects.overdue(today)
            .filter(facilitation=OuterRef("pk"))
            .order_by()
            .values("facilitation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            last_session_date=Subquery(last),
            next_session_date=Subquery(upcoming),
            overdue_count=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
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
        FacilitationRequest,
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
    closing_summary = models.TextField(_("bilan de clôture"), blank=True)

    objects = FacilitationQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("facilitation")
        verbose_name_plural = _("facilitations")
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
        """A session is edited afterwards by its binôme (current or past) and staff."""
        return self.can_see_private(user)

    def _require_actor(self, by) -> None:
        if not self.can_log(by):
            raise ValidationError(
                _("Seuls le binôme de la facilitation et l'équipe GECO Lib' peuvent la modifier.")
            )

    # --- binôme ----------------------------------------------------------

    def current_assignment(self, kind: str) -> Assignment | None:
        return self.assignments.filter(kind=kind, ended_at__isnull=True).first()

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
            from gecolib.notifications import notify

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
        from gecolib.models import User
        from structures.models import Membership

        return User.objects.filter(
            pk__in=Membership.objects.current()
            .filter(structure_id=self.structure_id)
            .values("user_id")
        )

    def possible_assignees(self):
        """Who a follow-up may be given to: current team members and the
        binôme's facilitators (current or past)."""
        from gecolib.models import User

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


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(facilitation__in=Facilitation.objects.visible_to(user))

    def with_list_related_data(self):
        """Help given, participants by profession and author, for the log."""
        return self.select_related("created_by").prefetch_related(
            "help_given",
            Prefetch(
                "participations",
                queryset=SessionParticipation.objects.select_related("profession"),
            ),
        )


class Session(models.Model):
    """A facilitation session logged by the binôme. `shared_summary` is shown
    to the team; `private_notes` never leave the binôme and staff."""

    facilitation = models.ForeignKey(
        Facilitation, on_delete=models.CASCADE, related_name="sessions"
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
    shared_summary = models.TextField(_("synthèse partagée avec l'équipe"), blank=True)
    private_notes = models.TextField(_("notes privées du binôme"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    next_date = models.DateField(_("prochaine séance prévue"), null=True, blank=True)
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

    def due_before(self, date: datetime.date):
        """Open follow-ups due on or before `date` (reminders)."""
        return self.open().filter(due_date__lte=date)

    def visible_to(self, user):
        return self.filter(facilitation__in=Facilitation.objects.visible_to(user))


class FollowUpAction(models.Model):
    facilitation = models.ForeignKey(
        Facilitation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("séance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    title = models.CharField(_("action"), max_length=255)
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
