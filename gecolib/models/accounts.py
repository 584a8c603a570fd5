"""The people of the portal: a user identified by their e-mail address, their
profession and territory, and their role (staff, facilitator, professional)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import FacilitatorKind, MedicalSpecialty
from ..validators import validate_rpps
from .charter import Charter
from .professions import Profession
from .territories import EPCI


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def facilitators(self):
        return self.get_queryset().exclude(facilitator_kind="").filter(is_active=True)

    def staff_emails(self) -> list[str]:
        """The addresses of the active staff, who receive the network's notices
        (a new request, a contact message, a suggestion for the guide)."""
        return list(
            self.get_queryset()
            .filter(is_staff=True, is_active=True)
            .order_by("email")
            .values_list("email", flat=True)
        )


class User(AbstractUser):
    """A person of the portal, identified by their e-mail address."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    profession = models.ForeignKey(
        Profession,
        verbose_name=_("profession"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    specialty = models.CharField(
        _("spécialité médicale"),
        max_length=20,
        choices=MedicalSpecialty.choices,
        blank=True,
        help_text=_("Pour un médecin : médecine générale ou autre spécialité."),
    )
    rpps = models.CharField(
        _("numéro RPPS"),
        max_length=11,
        blank=True,
        validators=[validate_rpps],
        help_text=_("Facultatif : 11 chiffres, figurant sur votre carte CPS."),
    )
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    epci = models.ForeignKey(
        EPCI,
        verbose_name=_("EPCI d'exercice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    facilitator_kind = models.CharField(
        _("rôle de facilitateur"),
        max_length=20,
        choices=FacilitatorKind.choices,
        blank=True,
        help_text=_("Attribué par l'équipe GECO Lib'."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        # The user list and the pickers read users in name order.
        indexes = [
            models.Index(fields=["last_name", "first_name", "email"], name="user_by_name"),
            # Facilitators and staff: a few hundred among tens of thousands.
            models.Index(
                fields=["facilitator_kind"],
                condition=Q(is_staff=True) | ~Q(facilitator_kind=""),
                name="user_privileged",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rpps"],
                condition=~Q(rpps=""),
                name="user_unique_rpps",
                violation_error_message=_("Ce numéro RPPS est déjà utilisé par un autre compte."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def profile_incomplete(self) -> bool:
        """The name is missing, or the profession of a health professional
        (staff and chargés de mission are not: only their name is expected)."""
        needs_profession = not (
            self.is_staff or self.facilitator_kind == FacilitatorKind.PROJECT_OFFICER
        )
        return not (self.first_name and self.last_name) or (
            needs_profession and not self.profession_id
        )

    @property
    def is_facilitator(self) -> bool:
        return bool(self.facilitator_kind)

    @property
    def is_general_practitioner(self) -> bool:
        return bool(
            self.profession_id
            and self.profession.code == "10"
            and self.specialty == MedicalSpecialty.GENERAL_PRACTICE
        )

    @property
    def role_label(self) -> str:
        if self.is_staff:
            return str(_("Équipe GECO Lib'"))
        if self.facilitator_kind:
            return self.get_facilitator_kind_display()
        return str(_("Professionnel de santé"))

    def has_accepted_current_charter(self) -> bool:
        current = Charter.current()
        if current is None:
            return True
        return self.charter_acceptances.filter(charter=current).exists()

    def has_mfa(self) -> bool:
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()
