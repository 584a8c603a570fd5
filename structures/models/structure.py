"""Coordinated-care structures: the structure and its queryset, its stage
history and its CPTS missions. Members and invitations are in `members`."""

from __future__ import annotations

import datetime
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.folded_search import matching
from gecolib.models import EPCI, Commune
from gecolib.notifications import notify
from gecolib.text import fold, french_sort_key
from gecolib.validators import (
    validate_finess,
    validate_no_patient_identifier,
    validate_siret,
)

from ..enums import (
    CORE_CPTS_MISSIONS,
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    CptsMissionKind,
    InformationSystem,
    LegalForm,
    MembershipRole,
    MissionStatus,
    Stage,
    StructureKind,
)
from ..followers import followed_structure_ids
from .members import Invitation, Membership

# Kinds for which a FINESS number applies (establishments registered in FINESS).
FINESS_KINDS = {StructureKind.MSP, StructureKind.HEALTH_CENTRE}
# Minimum team of each kind: (general practitioners, paramedical professionals).
TEAM_MINIMUM_BY_KIND = {
    StructureKind.ESP: (1, 1),
    StructureKind.ESP_CLAP: (1, 1),
    StructureKind.MSP: (2, 1),
}


def finess_applies(kind: str) -> bool:
    """A FINESS number only exists for MSPs and health centres."""
    return kind in FINESS_KINDS


def siret_applies(legal_form: str) -> bool:
    """A SIRET number belongs to a legal entity: not to a team without one."""
    return legal_form != LegalForm.NONE


def department_q(code: str) -> Q:
    """Structures of a department: their seat is there, or one of their EPCIs."""
    return Q(commune__department__code=code) | Q(
        pk__in=Structure.epcis.through.objects.filter(epci__department__code=code).values(
            "structure_id"
        )
    )


class StructureQuerySet(models.QuerySet):
    def recognised(self):
        return self.filter(stage__in=RECOGNISED_STAGES)

    def with_list_related_data(self):
        """What a list of structures shows: seat commune and department, EPCIs."""
        return self.select_related("commune__department").prefetch_related(
            Prefetch("epcis", queryset=EPCI.objects.only("pk", "name", "siren"))
        )

    def in_department(self, code: str):
        return self.filter(department_q(code))

    def count_with_departments(self, codes: list[str]) -> tuple[int, dict[str, int]]:
        """One query: how many structures these are, and how many of them each
        department holds (a structure may be in several, by its EPCIs)."""
        counts = self.order_by().aggregate(
            total=Count("pk"),
            **{f"d{code}": Count("pk", filter=department_q(code)) for code in codes},
        )
        return counts["total"], {code: counts[f"d{code}"] for code in codes}

    def search(self, text: str):
        """Structures whose name or seat commune's name contains `text`,
        accents and case ignored (« plerin » finds « Plérin »). The two
        lookups are united by id, each read from its own trigram index on
        PostgreSQL (gecolib/folded_search.py), where an OR across the join to
        the communes would read every structure."""
        if not fold(text).strip():
            return self
        by_name = matching(Structure.objects.order_by(), "name", text)
        communes = matching(Commune.objects.order_by(), "name", text)
        by_commune = Structure.objects.order_by().filter(commune__in=communes.values("pk"))
        return self.filter(pk__in=by_name.values("pk").union(by_commune.values("pk")))

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
        """Ids of the structures whose private data `user` may read: those of
        their current memberships and those an app's follower source names,
        united — each part reads its own index, where an OR of the two would
        read every structure of the network."""
        ids = Membership.objects.current().filter(user=user).order_by().values("structure_id")
        for followed in followed_structure_ids(user):
            ids = ids.union(followed)
        return ids


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
        # The directory and the admin read a page in name order from it,
        # instead of sorting every structure of the network.
        indexes = [models.Index(fields=["name"], name="structure_by_name")]
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

    def clean(self) -> None:
        errors = {}
        if self.finess and not finess_applies(self.kind):
            errors["finess"] = _(
                "Un numéro FINESS ne concerne que les MSP et les centres de santé."
            )
        if self.siret and not siret_applies(self.legal_form):
            errors["siret"] = _(
                "Une structure sans forme juridique n'a pas de numéro SIRET : "
                "choisissez d'abord sa forme juridique."
            )
        if self.population_override is not None and self.kind != StructureKind.CPTS:
            errors["population_override"] = _(
                "Seule une CPTS peut saisir sa population couverte ; pour les autres "
                "structures, elle est calculée à partir des communes."
            )
        if self.stage and self.kind and self.stage not in STAGES_BY_KIND[self.kind]:
            errors["stage"] = _("Cette étape ne correspond pas au type de structure.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_recognised(self) -> bool:
        return self.stage in RECOGNISED_STAGES

    @property
    def is_cpts(self) -> bool:
        return self.kind == StructureKind.CPTS

    @property
    def finess_applies(self) -> bool:
        return finess_applies(self.kind)

    @property
    def computed_population(self) -> int:
        """Sum of the communes covered or, failing those, of the EPCIs covered."""
        communes = self.communes_covered.aggregate(total=Sum("population"))["total"]
        if communes:
            return communes
        return self.epcis.aggregate(total=Sum("population"))["total"] or 0

    @property
    def population(self) -> int:
        """Population covered; a CPTS may enter its own figure (its territory is
        often a part of communes or EPCIs)."""
        if self.kind == StructureKind.CPTS and self.population_override is not None:
            return self.population_override
        return self.computed_population

    @property
    def stages(self) -> list[Stage]:
        return STAGES_BY_KIND[self.kind]

    @property
    def stage_position(self) -> int:
        """1-based rank of the current stage among those of the kind."""
        return self.stages.index(self.stage) + 1 if self.stage in self.stages else 0

    def stage_steps(self) -> list[dict]:
        """The kind's stages in order, numbered once (the ESP ones carry the
        ARS step number in their label), each marked done, current or to come."""
        steps = []
        position = self.stage_position
        for rank, stage in enumerate(self.stages, start=1):
            label = str(stage.label)
            if not label[:1].isdigit():
                label = f"{rank}. {label}"
            state = "done" if rank < position else "current" if rank == position else "todo"
            steps.append({"stage": stage, "label": label, "state": state})
        return steps

    def move_to(
        self,
        stage: str,
        *,
        by,
        date: datetime.date | None = None,
        comment: str = "",
    ) -> StageChange:
        """Change the lifecycle stage and write it to the dated history."""
        if stage not in STAGES_BY_KIND[self.kind]:
            raise ValidationError(
                _("L'étape « %(stage)s » n'existe pas pour une structure de type %(kind)s.")
                % {"stage": Stage(stage).label, "kind": self.get_kind_display()}
            )
        if stage == self.stage:
            raise ValidationError(_("La structure est déjà à cette étape."))
        if stage in RECOGNISED_STAGES and not (by is not None and by.is_staff):
            raise ValidationError(
                _("Seule l'équipe GECO Lib' peut enregistrer une reconnaissance ou un ACI.")
            )
        date = date or timezone.localdate()
        if date > timezone.localdate():
            raise ValidationError(_("La date d'un changement d'étape ne peut pas être future."))
        with transaction.atomic():
            self.stage = stage
            self.save(update_fields=["stage", "updated_at"])
            return StageChange.objects.create(
                structure=self, stage=stage, date=date, changed_by=by, comment=comment
            )

    def timeline(self, *, include_reviews: bool = True) -> list[dict]:
        """Stage changes and, for those the structure's private data is open to,
        CARPEC reviews and their opinions, in date order."""
        events = [
            {"date": change.date, "kind": "stage", "object": change}
            for change in self.stage_changes.select_related("changed_by")
        ]
        if include_reviews:
            events += [
                {"date": review.session.date, "kind": "carpec", "object": review}
                for review in self.carpec_reviews.select_related("session")
            ]
        # The same day, the CARPEC opinion comes first: it is what moved the stage.
        return sorted(events, key=lambda event: (event["date"], event["kind"] != "carpec"))

    def current_memberships(self):
        return (
            self.memberships.current()
            .select_related("user__profession")
            .order_by("user__last_name", "user__first_name", "user__email")
        )

    def composition(self, memberships=None) -> list[tuple[str, int]]:
        """Current members counted by profession (general practitioners apart)."""
        memberships = self.current_memberships() if memberships is None else memberships
        counter: Counter = Counter()
        for membership in memberships:
            user = membership.user
            if user.is_general_practitioner:
                label = str(_("Médecin généraliste"))
            elif user.profession_id:
                label = user.profession.name
            else:
                label = str(_("Profession non renseignée"))
            counter[label] += 1
        return sorted(counter.items(), key=lambda item: (-item[1], french_sort_key(item[0])))

    def team_warnings(self, memberships=None) -> list[str]:
        """What the team lacks to meet its kind's minimum (ESP, ESP CLAP, MSP)."""
        minimum = TEAM_MINIMUM_BY_KIND.get(self.kind)
        if minimum is None:
            return []
        memberships = self.current_memberships() if memberships is None else memberships
        users = [m.user for m in memberships]
        gps = sum(1 for u in users if u.is_general_practitioner)
        paramedical = sum(1 for u in users if u.profession_id and u.profession.is_paramedical)
        min_gps, min_paramedical = minimum
        warnings = []
        if gps < min_gps:
            warnings.append(
                str(
                    _(
                        "Il faut au moins %(n)s médecin(s) généraliste(s) dans une %(kind)s "
                        "(actuellement : %(count)s)."
                    )
                    % {"n": min_gps, "kind": self.get_kind_display(), "count": gps}
                )
            )
        if paramedical < min_paramedical:
            warnings.append(
                str(
                    _(
                        "Il faut au moins %(n)s professionnel(s) paramédical(aux) dans une "
                        "%(kind)s (actuellement : %(count)s)."
                    )
                    % {"n": min_paramedical, "kind": self.get_kind_display(), "count": paramedical}
                )
            )
        return warnings

    def invite(self, email: str, role: str, *, by) -> Invitation:
        """Invite a professional by e-mail. Nobody joins without accepting: even an
        existing account gets a pending invitation, so the answer is the same
        whoever owns the address."""
        email = email.strip().lower()
        if self.memberships.current().filter(user__email__iexact=email).exists():
            raise ValidationError(_("Cette personne est déjà membre de la structure."))
        if self.invitations.pending().filter(email__iexact=email).exists():
            raise ValidationError(_("Une invitation est déjà en attente pour cette adresse."))
        invitation = Invitation.objects.create(
            structure=self, email=email, role=role, invited_by=by
        )
        notify(
            email,
            "structures/email/invitation",
            {
                "invitation": invitation,
                "structure": self,
                "invited_by": by,
                "invitation_url": reverse("structures:invitation", args=[invitation.token]),
            },
            key=f"structure-invitation:{invitation.pk}",
        )
        return invitation

    def mission_rows(self) -> list[dict]:
        """The six CPTS missions, core ones first, with what is recorded of each."""
        recorded = {m.mission: m for m in self.missions.all()}
        return [
            {
                "kind": kind,
                "core": kind in CORE_CPTS_MISSIONS,
                "mission": recorded.get(kind.value),
            }
            for kind in CptsMissionKind
        ]


class StageChange(models.Model):
    """Dated history of a structure's lifecycle stages (its timeline)."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("étape"), max_length=30, choices=Stage.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.CharField(
        _("commentaire"), max_length=255, blank=True, validators=[validate_no_patient_identifier]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["structure", "date", "created_at"]
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")

    def __str__(self) -> str:
        return f"{self.structure} – {self.get_stage_display()} ({self.date})"


class CptsMission(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="missions")
    mission = models.CharField(_("mission"), max_length=30, choices=CptsMissionKind.choices)
    status = models.CharField(
        _("état"), max_length=20, choices=MissionStatus.choices, default=MissionStatus.NOT_STARTED
    )
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_patient_identifier]
    )

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
