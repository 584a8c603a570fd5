"""Coordinated-care structures and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import EPCI, Commune

from .enums import RECOGNISED_STAGES, STAGES_BY_KIND, MembershipRole, Stage, StructureKind


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
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
    )
    epcis = models.ManyToManyField(
        EPCI, verbose_name=_("EPCI couverts"), related_name="structures", blank=True
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = StructureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

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
