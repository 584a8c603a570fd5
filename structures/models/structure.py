"""Coordinated-care structures and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import EPCI, Commune
from gecolib.validators import validate_finess, validate_siret

from ..enums import (
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    CarpecOutcome,
    CarpecReviewKind,
    CptsMissionKind,
    InformationSystem,
    LegalForm,
    MembershipRole,
    MissionStatus,
    Stage,
    StructureKind,
)


class StructureQuerySet(models.QuerySet):
    def recognised(self):
        return self.filter(stage__in=RECOGNISED_STAGES)

    def visible_to(self, user):
        """The directory: visitors and professionals see recognised structures;
        members see their own, facilitators those of their facilitations;
        staff see all. Private data is guarded by `private_to(user)`."""
        if not user.is_authenticated:
            return self.recognised()
        if user.is_staff:
            return self.all()
        return self.filter(Q(stage__in=RECOGNISED_STAGES) | Q(pk__in=self._private_pks(user)))

    def private_to(self, user):
        """Structures whose private data (members' contacts, health project,
        versions, PDF) this user may read: its current members, the facilitators
        of its facilitations (current or past) and staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(pk__in=self._private_pks(user))

    def managed_by(self, user):
        """Structures whose members this user may manage: coordinators and staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(
            memberships__user=user,
            memberships__role=MembershipRole.COORDINATOR,
            memberships__end_date__isnull=True,
        ).distinct()

    @staticmethod
    def _private_pks(user):
        member_pks = Membership.objects.current().filter(user=user).values("structure_id")
        q = Q(pk__in=member_pks)
        if user.is_facilitator:
            from facilitations.models import Facilitation

            q |= Q(pk__in=Facilitation.objects.assigned_to(user).values("structure_id"))
        return Structure.objects.filter(q).values("pk")


class Structure(models.Model):
    kind = models.CharField(_("type de structure"), max_length=20, choices=StructureKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    stage = models.CharField(_("étape"), max_length=30, choices=Stage.choices)
    legal_form = models.CharField(
        _("forme juridique"), max_length=20, choices=LegalForm.choices, default=LegalForm.NONE
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    finess = models.CharField(_("FINESS"), max_length=9, blank=True, validators=[validate_finess])
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune du siège"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
    )
    epcis = models.ManyToManyField(
        EPCI, verbose_name=_("EPCI couverts"), related_name="structures", blank=True
    )
    communes_covered = models.ManyToManyField(
        Commune,
        verbose_name=_("communes couvertes"),
        related_name="covering_structures",
        blank=True,
    )
    population_override = models.PositiveIntegerField(
        _("population couverte (saisie)"),
        null=True,
        blank=True,
        help_text=_("Pour une CPTS : remplace la population calculée à partir des communes."),
    )
    aci_signed_on = models.DateField(_("date de signature de l'ACI"), null=True, blank=True)
    information_system = models.CharField(
        _("système d'information partagé"),
        max_length=20,
        choices=InformationSystem.choices,
        default=InformationSystem.NONE,
    )
    information_system_name = models.CharField(_("nom du logiciel"), max_length=100, blank=True)
    coordinator_name = models.CharField(_("coordination assurée par"), max_length=200, blank=True)
    coordination_hours = models.DecimalField(
        _("temps de coordination (heures par semaine)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = StructureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="structure_unique_siret",
                violation_error_message=_("Une structure porte déjà ce numéro SIRET."),
            ),
            models.UniqueConstraint(
                fields=["finess"],
                condition=~Q(finess=""),
                name="structure_unique_finess",
                violation_error_message=_("Une structure porte déjà ce numéro FINESS."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.stage:
            self.stage = STAGES_BY_KIND[self.kind][0]
        super().save(*args, **kwargs)

    @property
    def is_recognised(self) -> bool:
        return self.stage in RECOGNISED_STAGES


class MembershipQuerySet(models.QuerySet):
    def current(self):
        today = timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(
        _("rôle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    start_date = models.DateField(_("date d'entrée"), default=timezone.localdate)
    end_date = models.DateField(_("date de sortie"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["structure", "user"]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "structure"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_user_structure",
                violation_error_message=_("Cette personne est déjà membre de la structure."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message=_(
                    "La date de sortie ne peut pas précéder la date d'entrée."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.structure} ({self.get_role_display()})"


class Invitation(models.Model):
    """A coordinator invites a professional by e-mail; the membership is created
    once the invitee signs in (or signs up) with that address."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(
        _("rôle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "email"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_pending_per_email",
                violation_error_message=_("Une invitation est déjà en attente pour cette adresse."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.structure}"


class StageChange(models.Model):
    """Dated history of a structure's lifecycle stages (its timeline)."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("étape"), max_length=30, choices=Stage.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.CharField(_("commentaire"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["structure", "date", "created_at"]
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")

    def __str__(self) -> str:
        return f"{self.structure} – {self.get_stage_display()} ({self.date})"


class CarpecSession(models.Model):
    """A session of the CARPEC (Cellule d'Appui Régionale aux Projets
    d'Exercices Coordonnés), on its published calendar."""

    date = models.DateField(_("date de la séance"), unique=True)
    submission_deadline = models.DateField(_("date limite de dépôt"), null=True, blank=True)
    notes = models.CharField(_("remarques"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("séance CARPEC")
        verbose_name_plural = _("séances CARPEC")

    def __str__(self) -> str:
        return str(_("CARPEC du %(date)s") % {"date": self.date.strftime("%d/%m/%Y")})


class CarpecReview(models.Model):
    """A structure scheduled for a CARPEC session, and the outcome."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="carpec_reviews"
    )
    session = models.ForeignKey(CarpecSession, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("objet de l'examen"), max_length=30, choices=CarpecReviewKind.choices)
    outcome = models.CharField(
        _("avis"), max_length=20, choices=CarpecOutcome.choices, default=CarpecOutcome.PENDING
    )
    comment = models.TextField(_("commentaire"), blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(_("avis enregistré le"), null=True, blank=True)

    class Meta:
        ordering = ["session__date", "structure__name"]
        verbose_name = _("examen CARPEC")
        verbose_name_plural = _("examens CARPEC")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "session", "kind"],
                name="carpec_review_unique",
                violation_error_message=_(
                    "Cette structure est déjà inscrite à cette séance pour cet objet."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure} – {self.session} – {self.get_kind_display()}"


class CptsMission(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="missions")
    mission = models.CharField(_("mission"), max_length=30, choices=CptsMissionKind.choices)
    status = models.CharField(
        _("état"), max_length=20, choices=MissionStatus.choices, default=MissionStatus.NOT_STARTED
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["structure", "mission"]
        verbose_name = _("mission de CPTS")
        verbose_name_plural = _("missions de CPTS")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "mission"],
                name="cpts_mission_unique",
                violation_error_message=_("Cette mission est déjà renseignée."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure} – {self.get_mission_display()}"
