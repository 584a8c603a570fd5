"""Facilitation requests, facilitations, the binôme, session logs and follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind
from gecolib.models import EPCI, Profession

from .enums import (
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
        return str(_("Facilitation de %(structure)s") % {"structure": self.structure})


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
