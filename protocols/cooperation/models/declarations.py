"""A structure's declaration of a national cooperation protocol to the ARS
(démarches-simplifiées): its délégants and délégués, its status, and the
"nouvelle déclaration à faire" flag raised by a change in the declared team."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks, validate_date_in_range
from structures.enums import MembershipRole
from structures.models import Structure

from .catalogue import NationalProtocol

validate_ds_number = RegexValidator(
    r"^\d{4,12}$",
    _(
        "Le numéro de dossier démarches-simplifiées ne contient que des chiffres "
        "(de 4 à 12, par exemple 12345678)."
    ),
)

# Who edits a structure's cooperation: its coordinators and référents.
EDITOR_ROLES = (MembershipRole.COORDINATOR, MembershipRole.REFERENT)


class DeclarationStatus(models.TextChoices):
    PREPARATION = "preparation", _("En préparation")
    DECLARED = "declare", _("Déclaré")
    ACTIVE = "actif", _("Actif")
    SUSPENDED = "suspendu", _("Suspendu")
    STOPPED = "arrete", _("Arrêté")


S = DeclarationStatus
TRANSITIONS = {
    S.PREPARATION: [S.DECLARED, S.STOPPED],
    S.DECLARED: [S.ACTIVE, S.SUSPENDED, S.STOPPED],
    S.ACTIVE: [S.SUSPENDED, S.STOPPED],
    S.SUSPENDED: [S.ACTIVE, S.STOPPED],
    S.STOPPED: [],
}


class DeclarationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Read: the structure's current members, its facilitators (those of
        its facilitations) and staff — whoever reads its private data."""
        return self.filter(structure__in=Structure.objects.private_to(user))

    def open(self):
        return self.exclude(status=S.STOPPED)

    def with_list_related_data(self):
        return self.select_related("structure__commune__department", "protocol")


class CooperationDeclaration(TeamDataChecks, models.Model):
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="cooperation_declarations",
    )
    protocol = models.ForeignKey(
        NationalProtocol,
        verbose_name=_("protocole"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=DeclarationStatus.choices, default=S.PREPARATION
    )
    declared_on = models.DateField(_("date de déclaration à l'ARS"), null=True, blank=True)
    ds_number = models.CharField(
        _("numéro de dossier démarches-simplifiées"),
        max_length=12,
        blank=True,
        validators=[validate_ds_number],
    )
    new_declaration_needed = models.BooleanField(_("nouvelle déclaration à faire"), default=False)
    team_changed_on = models.DateField(_("équipe modifiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = DeclarationQuerySet.as_manager()

    # A file number, digits only (validate_ds_number): not a text of the team.
    team_data_exempt = ("ds_number",)

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_cooperationdeclaration"
        ordering = ["structure", "protocol"]
        verbose_name = _("déclaration d'un protocole de coopération")
        verbose_name_plural = _("déclarations de protocoles de coopération")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "protocol"],
                condition=~Q(status="arrete"),
                name="cooperation_one_open_declaration",
                violation_error_message=_(
                    "La structure a déjà une déclaration en cours pour ce protocole."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="preparation") | Q(declared_on__isnull=False) & ~Q(ds_number=""),
                name="cooperation_declared_has_date_and_number",
                violation_error_message=_(
                    "Une déclaration faite à l'ARS a une date et un numéro de dossier."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.protocol} – {self.structure}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:declaration", args=[self.pk])

    def clean(self) -> None:
        if self.declared_on and self.declared_on > timezone.localdate():
            raise ValidationError(
                {"declared_on": _("La date de déclaration ne peut pas être dans le futur.")}
            )
        if self.ds_number:
            self.ds_number = self.ds_number.replace(" ", "")

    # -- the team -------------------------------------------------------------------

    def current_participants(self):
        return self.participants.filter(removed_on__isnull=True).select_related("user__profession")

    @property
    def is_declared(self) -> bool:
        return self.status != S.PREPARATION

    def stopped_on(self) -> datetime.date | None:
        """When the protocol was stopped (None while it is not)."""
        if self.status != S.STOPPED:
            return None
        return (
            self.events.filter(kind=EventKind.STATUS, status=S.STOPPED)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )

    def allowed_transitions(self) -> list[DeclarationStatus]:
        return TRANSITIONS[DeclarationStatus(self.status)]

    def change_status(
        self,
        status: str,
        *,
        by,
        date: datetime.date | None = None,
        comment: str = "",
        names_confirmed: bool = False,
    ) -> DeclarationEvent:
        """Move to `status` (one of the allowed transitions) and write it down.
        The comment is the team's text: checked like every other
        (TeamDataChecks; `names_confirmed` when the author confirmed that the
        names it cites are not patients')."""
        if status not in self.allowed_transitions():
            raise ValidationError(
                _("Impossible de passer de « %(old)s » à « %(new)s ».")
                % {"old": self.get_status_display(), "new": DeclarationStatus(status).label}
            )
        date = date or timezone.localdate()
        validate_date_in_range(date)
        event = DeclarationEvent(
            declaration=self,
            kind=EventKind.STATUS,
            status=status,
            date=date,
            by=by,
            comment=comment,
        )
        event.names_confirmed = names_confirmed
        event.full_clean()
        if date > timezone.localdate():
            raise ValidationError(_("La date d'un changement de statut ne peut pas être future."))
        if status == S.DECLARED:
            missing = []
            if not self.declared_on:
                missing.append(gettext("la date de déclaration"))
            if not self.ds_number:
                missing.append(gettext("le numéro de dossier démarches-simplifiées"))
            participants = list(self.current_participants())
            if not any(p.role == ParticipantRole.DELEGANT for p in participants):
                missing.append(gettext("au moins un délégant"))
            if not any(p.role == ParticipantRole.DELEGATE for p in participants):
                missing.append(gettext("au moins un délégué"))
            if missing:
                raise ValidationError(
                    _("Avant de marquer le protocole comme déclaré, renseignez : %(missing)s.")
                    % {"missing": ", ".join(missing)}
                )
        with transaction.atomic():
            self.status = status
            self.save(update_fields=["status"])
            event.save()
            return event

    def team_changed(self, *, by, description: str) -> None:
        """Record a change of the declared team: once declared, the ARS must
        receive a new declaration."""
        today = timezone.localdate()
        self.events.create(kind=EventKind.TEAM, date=today, by=by, comment=description[:255])
        if self.is_declared and self.status != S.STOPPED:
            self.new_declaration_needed = True
            self.team_changed_on = today
            self.save(update_fields=["new_declaration_needed", "team_changed_on"])

    def record_new_declaration(
        self, *, by, date: datetime.date, ds_number: str = ""
    ) -> DeclarationEvent:
        """The new declaration of the team was sent to the ARS: clear the flag."""
        if not self.new_declaration_needed:
            raise ValidationError(_("Aucune nouvelle déclaration n'est attendue."))
        validate_date_in_range(date)
        if date > timezone.localdate():
            raise ValidationError(_("La date de déclaration ne peut pas être dans le futur."))
        if self.team_changed_on and date < self.team_changed_on:
            raise ValidationError(
                _(
                    "La nouvelle déclaration ne peut pas précéder le changement d'équipe "
                    "du %(date)s."
                )
                % {"date": self.team_changed_on.strftime("%d/%m/%Y")}
            )
        ds_number = (ds_number or "").replace(" ", "")
        if ds_number:
            validate_ds_number(ds_number)
        with transaction.atomic():
            self.new_declaration_needed = False
            fields = ["new_declaration_needed"]
            if ds_number:
                self.ds_number = ds_number
                fields.append("ds_number")
            self.save(update_fields=fields)
            return self.events.create(
                kind=EventKind.REDECLARED,
                date=date,
                by=by,
                comment=gettext("Dossier n° %(n)s") % {"n": self.ds_number},
            )

    def add_participant(
        self,
        user,
        role: str,
        *,
        by,
        training_date: datetime.date | None = None,
        training_hours: int | None = None,
    ) -> Participant:
        """Add a délégant or a délégué: a current member with the right
        profession; a délégué with the training the protocol requires."""
        protocol = self.protocol
        if self.status == S.STOPPED:
            raise ValidationError(_("Ce protocole est arrêté : son équipe ne change plus."))
        if not self.structure.memberships.current().filter(user=user).exists():
            raise ValidationError(
                _("%(name)s n'est pas membre de la structure.") % {"name": user.display_name}
            )
        if self.current_participants().filter(user=user).exists():
            raise ValidationError(
                _("%(name)s fait déjà partie de l'équipe de ce protocole.")
                % {"name": user.display_name}
            )
        check_participant(protocol, user, role, training_date, training_hours)
        if role == ParticipantRole.DELEGANT:
            training_date, training_hours = None, None
        with transaction.atomic():
            participant = self.participants.create(
                user=user,
                role=role,
                training_date=training_date,
                training_hours=training_hours,
            )
            self.team_changed(
                by=by,
                description=gettext("%(role)s ajouté : %(name)s")
                % {"role": participant.get_role_display(), "name": user.display_name},
            )
        return participant

    def remove_participant(self, participant: Participant, *, by) -> None:
        if participant.removed_on is not None:
            raise ValidationError(_("Cette personne ne fait déjà plus partie de l'équipe."))
        with transaction.atomic():
            participant.removed_on = timezone.localdate()
            participant.save(update_fields=["removed_on"])
            self.team_changed(
                by=by,
                description=gettext("%(role)s retiré : %(name)s")
                % {"role": participant.get_role_display(), "name": participant.user.display_name},
            )


def check_participant(
    protocol: NationalProtocol, user, role: str, training_date, training_hours
) -> None:
    """`user` may be a délégant (the profession the protocol requires) or a
    délégué (a profession it opens to, with its training) of `protocol`."""
    if role == ParticipantRole.DELEGANT:
        if not protocol.accepts_delegant(user):
            raise ValidationError(
                _("%(name)s ne peut pas être délégant : le protocole exige un(e) %(who)s.")
                % {"name": user.display_name, "who": protocol.delegant_label.lower()}
            )
        return
    if not protocol.accepts_delegate(user):
        raise ValidationError(
            _("%(name)s ne peut pas être délégué : le protocole est ouvert aux %(who)s.")
            % {"name": user.display_name, "who": protocol.delegates_label().lower()}
        )
    check_training(protocol, training_date, training_hours, user)


def check_training(protocol: NationalProtocol, date, hours, user) -> None:
    name = user.display_name
    if date is None or hours is None:
        raise ValidationError(
            _("Indiquez la date et la durée de la formation de %(name)s (délégué).")
            % {"name": name}
        )
    validate_date_in_range(date)
    if date > timezone.localdate():
        raise ValidationError(
            _("La formation de %(name)s n'est pas encore faite : sa date est dans le futur.")
            % {"name": name}
        )
    if hours < protocol.training_hours:
        raise ValidationError(
            _(
                "La formation de %(name)s (%(hours)s h) est inférieure aux %(required)s heures "
                "exigées par le protocole « %(protocol)s » : ce délégué ne peut pas être déclaré."
            )
            % {
                "name": name,
                "hours": hours,
                "required": protocol.training_hours,
                "protocol": protocol.short_name,
            }
        )


class ParticipantRole(models.TextChoices):
    DELEGANT = "delegant", _("Délégant")
    DELEGATE = "delegue", _("Délégué")


class Participant(TeamDataChecks, models.Model):
    """A délégant or délégué of a declaration; removed ones stay in the history."""

    declaration = models.ForeignKey(
        CooperationDeclaration, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rôle"), max_length=10, choices=ParticipantRole.choices)
    training_date = models.DateField(_("date de la formation"), null=True, blank=True)
    training_hours = models.PositiveSmallIntegerField(
        _("durée de la formation (heures)"), null=True, blank=True
    )
    added_on = models.DateField(_("ajouté le"), default=timezone.localdate)
    removed_on = models.DateField(_("retiré le"), null=True, blank=True)

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_participant"
        ordering = ["role", "user__last_name"]
        verbose_name = _("délégant ou délégué")
        verbose_name_plural = _("délégants et délégués")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "user"],
                condition=Q(removed_on__isnull=True),
                name="cooperation_participant_once",
                violation_error_message=_("Cette personne fait déjà partie de l'équipe."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class EventKind(models.TextChoices):
    STATUS = "statut", _("Changement de statut")
    TEAM = "equipe", _("Changement d'équipe")
    REDECLARED = "redeclaration", _("Nouvelle déclaration à l'ARS")
    ACTIVITY = "activite", _("Activité d'un mois corrigée")


class DeclarationEvent(TeamDataChecks, models.Model):
    """The dated history of a declaration."""

    declaration = models.ForeignKey(
        CooperationDeclaration, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=DeclarationStatus.choices, blank=True
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.CharField(_("commentaire"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_declarationevent"
        ordering = ["-date", "-created_at"]
        verbose_name = _("événement d'une déclaration")
        verbose_name_plural = _("événements des déclarations")

    def __str__(self) -> str:
        return f"{self.declaration} – {self.get_kind_display()} ({self.date})"
