"""Who belongs to a structure: memberships (with their dated history) and
the invitations coordinators send by e-mail."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.access import register_adherent_source

from ..enums import MembershipRole


class MembershipQuerySet(models.QuerySet):
    def current(self):
        today = timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))

    def coordinators(self):
        return self.current().filter(role=MembershipRole.COORDINATOR)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    structure = models.ForeignKey("Structure", on_delete=models.CASCADE, related_name="memberships")
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

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date > timezone.localdate()

    def _is_last_coordinator(self) -> bool:
        return (
            self.role == MembershipRole.COORDINATOR
            and not self.structure.memberships.coordinators().exclude(pk=self.pk).exists()
        )

    def change_role(self, role: str, *, by) -> None:
        if not self.is_current:
            raise ValidationError(_("Cette adhésion est terminée : son rôle ne change plus."))
        if role not in MembershipRole.values:
            raise ValidationError(_("Rôle inconnu."))
        if role != MembershipRole.COORDINATOR and self._is_last_coordinator():
            raise ValidationError(
                _(
                    "Impossible : c'est le dernier coordinateur de la structure. "
                    "Nommez d'abord un autre coordinateur."
                )
            )
        self.role = role
        self.save(update_fields=["role"])

    def end(self, *, by, date: datetime.date | None = None) -> None:
        """End the membership (the history is kept)."""
        if self.end_date is not None:
            raise ValidationError(_("Cette adhésion est déjà terminée."))
        if self._is_last_coordinator():
            raise ValidationError(
                _(
                    "Impossible : c'est le dernier coordinateur de la structure. "
                    "Nommez d'abord un autre coordinateur."
                )
            )
        date = date or timezone.localdate()
        if date < self.start_date:
            raise ValidationError(_("La date de sortie ne peut pas précéder la date d'entrée."))
        self.end_date = date
        self.save(update_fields=["end_date"])


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True, declined_at__isnull=True
        )

    def answered(self):
        """Accepted or declined by their recipient: what the coordinator sees."""
        return self.filter(Q(accepted_at__isnull=False) | Q(declined_at__isnull=False))

    def addressed_to(self, user):
        """Invitations sent to one of `user`'s verified addresses."""
        if not user.is_authenticated:
            return self.none()
        addresses = (
            EmailAddress.objects.filter(user=user, verified=True)
            .annotate(address=Lower("email"))
            .values("address")
        )
        return self.filter(email__in=addresses)


def verified_emails(user) -> list[str]:
    """The addresses `user` has proved to own (lower case)."""
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


INVITATION_TOKEN_SALT = "structures.invitation"


class Invitation(models.Model):
    """A coordinator invites a professional by e-mail. Nobody joins a team
    without saying yes: the recipient, signed in with that (verified) address,
    accepts or declines it from their invitations page or the e-mail's link."""

    structure = models.ForeignKey("Structure", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(
        _("rôle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    declined_at = models.DateTimeField(_("déclinée le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réponse de"),
    )
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "email"],
                condition=Q(
                    accepted_at__isnull=True, cancelled_at__isnull=True, declined_at__isnull=True
                ),
                name="invitation_one_pending_per_email",
                violation_error_message=_("Une invitation est déjà en attente pour cette adresse."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.structure}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and self.declined_at is None

    @property
    def token(self) -> str:
        """The signed token of the e-mail's link (it names the invitation only;
        the page still checks who is signed in)."""
        return signing.dumps(self.pk, salt=INVITATION_TOKEN_SALT)

    @classmethod
    def pk_from_token(cls, token: str) -> int | None:
        try:
            value = signing.loads(token, salt=INVITATION_TOKEN_SALT)
        except signing.BadSignature:
            return None
        return value if isinstance(value, int) else None

    def is_addressed_to(self, user) -> bool:
        return user.is_authenticated and self.email.lower() in verified_emails(user)

    def cancel(self, *, by) -> None:
        if not self.is_pending:
            raise ValidationError(_("Cette invitation n'est plus en attente."))
        self.cancelled_at = timezone.now()
        self.save(update_fields=["cancelled_at"])

    def _check_answer(self, by) -> None:
        if not self.is_addressed_to(by):
            raise ValidationError(
                _(
                    "Cette invitation a été envoyée à une autre adresse que celle de votre "
                    "compte : connectez-vous avec l'adresse qui l'a reçue pour y répondre."
                )
            )
        if not self.is_pending:
            raise ValidationError(_("Cette invitation n'est plus en attente."))

    def accept(self, *, by) -> Membership:
        """The recipient says yes: the membership is created (or the current one
        kept) and the invitation closed."""
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=self.pk)
            locked._check_answer(by)
            membership = self.structure.memberships.current().filter(user=by).first()
            if membership is None:
                membership = Membership.objects.create(
                    user=by, structure=self.structure, role=self.role
                )
            locked.accepted_at, locked.answered_by = timezone.now(), by
            locked.save(update_fields=["accepted_at", "answered_by"])
        self.accepted_at, self.answered_by = locked.accepted_at, by
        return membership

    def decline(self, *, by) -> None:
        """The recipient says no: nothing else changes."""
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=self.pk)
            locked._check_answer(by)
            locked.declined_at, locked.answered_by = timezone.now(), by
            locked.save(update_fields=["declined_at", "answered_by"])
        self.declined_at, self.answered_by = locked.declined_at, by


@register_adherent_source
def is_structure_member(user) -> bool:
    """An adherent of the network: a current member of some structure."""
    return Membership.objects.current().filter(user=user).exists()
