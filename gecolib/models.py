"""Core models: the user and their roles, professions, territories, the charter,
the notifications (kept until sent, idempotent) and reminder preferences."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EpciKind, FacilitatorKind, MedicalSpecialty, ProfessionCategory
from .revisions import (
    Revision,
    latest_revision,
    latest_revision_in_query,
    restore_revision,
    save_revision,
)
from .validators import validate_rpps


class Profession(models.Model):
    """A health profession of the ANS nomenclature TRE_G15 (code = ANS code)."""

    code = models.CharField(_("code ANS"), max_length=4, unique=True)
    name = models.CharField(_("libellé"), max_length=100)
    category = models.CharField(_("catégorie"), max_length=20, choices=ProfessionCategory.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession de santé")
        verbose_name_plural = _("professions de santé")

    def __str__(self) -> str:
        return self.name

    @property
    def is_physician(self) -> bool:
        return self.code == "10"

    @property
    def is_paramedical(self) -> bool:
        """Counts as 'paramedical' in the ESP/MSP team rules: any non-physician
        health profession of the first line."""
        return self.code != "10"


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class EPCI(models.Model):
    siren = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=5, choices=EpciKind.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="epcis",
        help_text=_("Département où vit la majorité de sa population."),
    )
    departments = models.ManyToManyField(
        Department, related_name="spanning_epcis", verbose_name=_("départements couverts")
    )
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    insee = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    epci = models.ForeignKey(EPCI, on_delete=models.PROTECT, related_name="communes")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.name} ({self.department.code})" if self.department_id else self.name


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


class Charter(Revision):
    """A version of the facilitators' charter; `content` holds its title and
    Markdown text. The highest number is in force: each new version, restored
    ones included, must be accepted again by every facilitator."""

    DEFAULT_TITLE = _("Charte du facilitateur")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                name="charter_unique_number",
                violation_error_message=_("Cette version de la charte existe déjà."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @classmethod
    def current(cls) -> Charter | None:
        return latest_revision(cls.objects)

    @classmethod
    def current_in_query(cls) -> Subquery:
        """The current charter's id, as a subquery: a list that asks, row by
        row, whether it was accepted reads it in the same query."""
        return latest_revision_in_query(cls.objects)

    @classmethod
    def publish(cls, *, title: str, text: str, by, comment: str = "") -> Charter:
        """Record a new version of the charter (numbered under lock)."""
        return save_revision(cls.objects, cls.make_content(title, text), by=by, comment=comment)

    @classmethod
    def restore(cls, charter: Charter, *, by, comment: str = "") -> Charter:
        """Publish an old text again as a new version."""
        return restore_revision(cls.objects, charter, by=by, comment=comment)

    @staticmethod
    def make_content(title: str, text: str) -> dict[str, str]:
        return {"title": title.strip(), "text": text.replace("\r\n", "\n").strip()}

    @property
    def title(self) -> str:
        return self.content.get("title") or str(self.DEFAULT_TITLE)

    @property
    def text(self) -> str:
        return self.content.get("text", "")


class CharterAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("acceptée le"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("acceptation de la charte")
        verbose_name_plural = _("acceptations de la charte")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "charter"],
                name="charter_acceptance_unique",
                violation_error_message=_("Cette version de la charte est déjà acceptée."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – v{self.charter.number}"


# Attempts after which a notification is left to staff (admin action "renvoyer").
NOTIFICATION_MAX_ATTEMPTS = 24


class SentNotificationQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def to_retry(self, *, older_than: datetime.timedelta):
        """Unsent notifications created more than `older_than` ago (their own
        send task had its chance) that have not used up their attempts."""
        return (
            self.unsent()
            .filter(
                created_at__lt=timezone.now() - older_than,
                attempts__lt=NOTIFICATION_MAX_ATTEMPTS,
            )
            .order_by("created_at")
        )


class SentNotification(models.Model):
    """One e-mail of the portal, stored before it is sent so it can be re-sent.

    The unique key makes sending idempotent: a reminder job run twice (or
    retried after a broker outage) creates nothing the second time. `sent_at`
    is set only once the mail server accepted the message; until then the sweep
    (`gecolib.tasks.send_pending_notifications`) tries again."""

    key = models.CharField(_("clé"), max_length=255, unique=True)
    template = models.CharField(_("gabarit"), max_length=200, blank=True)
    recipients = models.JSONField(_("destinataires"), default=list)
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("texte"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives d'envoi"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=255, blank=True)
    attachments = models.JSONField(
        _("pièces jointes"),
        default=list,
        blank=True,
        help_text=_("Fichiers joints, stockés avec l'e-mail pour être renvoyés tels quels."),
    )

    objects = SentNotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="notification_unsent_idx"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class ReminderOptOut(models.Model):
    """A kind of reminder (`gecolib.reminders`) a user asked not to receive.
    No row: the reminder is sent (every optional reminder is on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(_("type de rappel"), max_length=50)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("rappel désactivé")
        verbose_name_plural = _("rappels désactivés")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="reminder_opt_out_unique",
                violation_error_message=_("Ce rappel est déjà désactivé."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"


class FormSubmission(models.Model):
    """A one-time token of a form that creates something (gecolib/idempotency.py):
    claimed by the first POST that carries it, so that a double click or a replay
    creates nothing more and is sent to what the first one created."""

    token = models.CharField(_("jeton"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    result_url = models.CharField(_("page du résultat"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("envoi de formulaire")
        verbose_name_plural = _("envois de formulaire")

    def __str__(self) -> str:
        return f"{self.token[:8]}… → {self.result_url}"


class ExportJob(models.Model):
    """A large export built in the background (gecolib/background_exports.py):
    who asked, what, how far it got, and the file, kept for a day and given
    only to who asked."""

    class Status(models.TextChoices):
        PENDING = "en_attente", _("En attente")
        RUNNING = "en_cours", _("En cours")
        DONE = "pret", _("Prêt")
        FAILED = "echec", _("Échec")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(_("export"), max_length=60)
    params = models.JSONField(_("paramètres"), default=dict)
    title = models.CharField(_("intitulé"), max_length=200)
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    done = models.PositiveIntegerField(_("lignes écrites"), default=0)
    total = models.PositiveIntegerField(_("lignes à écrire"), default=0)
    filename = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export en arrière-plan")
        verbose_name_plural = _("exports en arrière-plan")
        indexes = [models.Index(fields=["created_at"], name="export_job_created")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


class CalendarFeedToken(models.Model):
    """The secret of a user's personal calendar feed (gecolib.calendar.events_for):
    whoever holds the URL reads the feed, without signing in. Revoking deletes
    it; a new one makes the old URL stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("lien d'agenda personnel")
        verbose_name_plural = _("liens d'agenda personnels")

    def __str__(self) -> str:
        return f"{self.user} – {self.token[:6]}…"

    @classmethod
    def renew(cls, user) -> CalendarFeedToken:
        """A new secret for `user` (the previous URL stops working)."""
        token = secrets.token_urlsafe(32)
        feed, _created = cls.objects.update_or_create(
            user=user, defaults={"token": token, "created_at": timezone.now()}
        )
        return feed


# Kept in its own module (the contact page), registered with the app's models.
from .contact import ContactMessage  # noqa: E402, F401
