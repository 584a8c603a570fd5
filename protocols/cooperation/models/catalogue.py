"""The national catalogue of cooperation protocols: reference data loaded by
migration (0003_load_national_protocols) and kept by staff, each change a
dated revision (gecolib/revisions.py) that can be compared and restored. Its
texts and dates are checked like the teams' (TeamDataChecks)."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.enums import MedicalSpecialty
from gecolib.models import Profession
from gecolib.revisions import FieldRevisionsMixin, Revision
from gecolib.team_data import TeamDataChecks
from gecolib.text import euros
from structures.enums import StructureKind

# A delegate's training, in hours (the decrees of 2020–2023 ask for 10): a bound on typos.
MAX_TRAINING_HOURS = 1000


class PatientSex(models.TextChoices):
    ANY = "", _("Femmes et hommes")
    FEMALE = "F", _("Femmes")
    MALE = "M", _("Hommes")


def age_label(months: int) -> str:
    """An age bound as people say it: "12 mois", "6 ans"."""
    if months % 12 == 0 and months >= 24:
        years = months // 12
        return gettext("%(n)s ans") % {"n": years}
    return gettext("%(n)s mois") % {"n": months}


class NationalProtocolQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(withdrawn_on__isnull=True)

    def with_related(self):
        return self.select_related("delegant_profession").prefetch_related("delegate_professions")


REVISION_FIELDS = [
    ("name", _("Intitulé")),
    ("short_name", _("Nom usuel")),
    ("delegant_profession", _("Profession du délégant (code ANS)")),
    ("delegant_specialty", _("Spécialité du délégant")),
    ("delegate_professions", _("Professions des délégués (codes ANS)")),
    ("min_age_months", _("Âge minimal (mois)")),
    ("max_age_months", _("Âge maximal (mois)")),
    ("sex", _("Patients concernés (sexe)")),
    ("training_hours", _("Formation exigée (heures)")),
    ("inclusion_amount", _("Forfait par patient inclus (€)")),
    ("inclusion_includes_revoyure", _("Revoyure comprise (inclusion)")),
    ("reevaluation_amount", _("Forfait par réévaluation (€)")),
    ("reevaluation_includes_revoyure", _("Revoyure comprise (réévaluation)")),
    ("reevaluation_timing", _("Moment de la réévaluation")),
    ("msp_since", _("MSP éligibles depuis le")),
    ("health_centre_since", _("Centres de santé éligibles depuis le")),
    ("cpts_since", _("CPTS éligibles depuis le")),
    ("reference_text", _("Texte de référence")),
    ("reference_date", _("Date du texte de référence")),
    ("withdrawn_on", _("Abrogé le")),
]


class NationalProtocol(FieldRevisionsMixin, TeamDataChecks, models.Model):
    revision_fields = REVISION_FIELDS
    restore_skips = ("delegate_professions",)  # a relation: after_restore

    """A national cooperation protocol as authorised by decree, with the
    financing rules of the arrêté of 10 September 2020 (updated 2023)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("intitulé"), max_length=255)
    short_name = models.CharField(_("nom usuel"), max_length=60)
    delegant_profession = models.ForeignKey(
        Profession,
        verbose_name=_("profession du délégant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegant_specialty = models.CharField(
        _("spécialité du délégant"),
        max_length=20,
        choices=MedicalSpecialty.choices,
        blank=True,
        help_text=_("Pour un médecin : la spécialité exigée (médecine générale)."),
    )
    delegate_professions = models.ManyToManyField(
        Profession,
        verbose_name=_("professions des délégués"),
        related_name="+",
        db_table="protocols_nationalprotocol_delegate_professions",
    )
    min_age_months = models.PositiveSmallIntegerField(_("âge minimal (en mois)"))
    max_age_months = models.PositiveSmallIntegerField(_("âge maximal (en mois)"))
    sex = models.CharField(
        _("patients concernés"), max_length=1, choices=PatientSex.choices, blank=True
    )
    training_hours = models.PositiveSmallIntegerField(
        _("formation exigée du délégué (heures)"),
        validators=[
            MaxValueValidator(
                MAX_TRAINING_HOURS,
                message=_("Au plus %(limit_value)s heures de formation : vérifiez le nombre."),
            )
        ],
    )
    inclusion_amount = models.DecimalField(
        _("forfait par patient inclus (€)"), max_digits=7, decimal_places=2
    )
    inclusion_includes_revoyure = models.BooleanField(
        _("revoyure comprise dans le forfait d'inclusion"), default=True
    )
    reevaluation_amount = models.DecimalField(
        _("forfait par réévaluation (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Vide : le protocole ne prévoit pas de réévaluation financée."),
    )
    reevaluation_includes_revoyure = models.BooleanField(
        _("revoyure comprise dans le forfait de réévaluation"), default=False
    )
    reevaluation_timing = models.CharField(
        _("moment de la réévaluation"), max_length=120, blank=True
    )
    msp_since = models.DateField(
        _("MSP éligibles depuis le"),
        null=True,
        blank=True,
        help_text=_("Vide : les MSP ne sont pas éligibles au financement."),
    )
    health_centre_since = models.DateField(
        _("centres de santé éligibles depuis le"), null=True, blank=True
    )
    cpts_since = models.DateField(_("CPTS éligibles depuis le"), null=True, blank=True)
    reference_text = models.CharField(_("texte de référence"), max_length=255)
    reference_date = models.DateField(_("date du texte de référence"))
    withdrawn_on = models.DateField(_("abrogé le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = NationalProtocolQuerySet.as_manager()

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_nationalprotocol"
        ordering = ["short_name"]
        verbose_name = _("protocole national de coopération")
        verbose_name_plural = _("protocoles nationaux de coopération")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age_months__gte=F("min_age_months")),
                name="national_protocol_age_bounds",
                violation_error_message=_(
                    "L'âge maximal ne peut pas être inférieur à l'âge minimal."
                ),
            ),
            models.CheckConstraint(
                condition=Q(inclusion_amount__gte=0)
                & (Q(reevaluation_amount__isnull=True) | Q(reevaluation_amount__gte=0)),
                name="national_protocol_amounts_positive",
                violation_error_message=_("Un forfait ne peut pas être négatif."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:protocol", args=[self.pk])

    # -- what the pages say ---------------------------------------------------------

    @property
    def age_range(self) -> str:
        return gettext("de %(min)s à %(max)s") % {
            "min": age_label(self.min_age_months),
            "max": age_label(self.max_age_months),
        }

    @property
    def patients_label(self) -> str:
        if self.sex:
            return f"{self.get_sex_display()}, {self.age_range}"
        return self.age_range[:1].upper() + self.age_range[1:]

    @property
    def delegant_label(self) -> str:
        if self.delegant_specialty == MedicalSpecialty.GENERAL_PRACTICE:
            return gettext("Médecin généraliste")
        if self.delegant_specialty:
            return f"{self.delegant_profession.name} ({self.get_delegant_specialty_display()})"
        return self.delegant_profession.name

    def delegates_label(self) -> str:
        return ", ".join(p.name for p in self.delegate_professions.all())

    @property
    def has_reevaluation(self) -> bool:
        return self.reevaluation_amount is not None

    def financing_rules(self) -> list[str]:
        """The financing per act, in words."""
        rules = [
            gettext("%(amount)s par patient inclus (première consultation)%(revoyure)s")
            % {
                "amount": euros(self.inclusion_amount),
                "revoyure": gettext(", revoyure comprise")
                if self.inclusion_includes_revoyure
                else gettext(", sans revoyure"),
            }
        ]
        if self.has_reevaluation:
            rules.append(
                gettext("%(amount)s par réévaluation%(timing)s%(revoyure)s")
                % {
                    "amount": euros(self.reevaluation_amount),
                    "timing": f" ({self.reevaluation_timing})" if self.reevaluation_timing else "",
                    "revoyure": gettext(", revoyure comprise")
                    if self.reevaluation_includes_revoyure
                    else gettext(", sans revoyure"),
                }
            )
        return rules

    def eligibility(self) -> list[tuple[str, datetime.date]]:
        """(kind label, since) for each kind of structure the protocol finances."""
        kinds = [
            (StructureKind.MSP, self.msp_since),
            (StructureKind.HEALTH_CENTRE, self.health_centre_since),
            (StructureKind.CPTS, self.cpts_since),
        ]
        return [(kind.label, since) for kind, since in kinds if since is not None]

    def eligible_since(self, kind: str) -> datetime.date | None:
        """Since when structures of `kind` are financed (None: never)."""
        return {
            StructureKind.MSP: self.msp_since,
            StructureKind.HEALTH_CENTRE: self.health_centre_since,
            StructureKind.CPTS: self.cpts_since,
        }.get(kind)

    def accepts_delegant(self, user) -> bool:
        if user.profession_id != self.delegant_profession_id:
            return False
        return not self.delegant_specialty or user.specialty == self.delegant_specialty

    def accepts_delegate(self, user, delegate_ids: set[int] | None = None) -> bool:
        ids = (
            delegate_ids
            if delegate_ids is not None
            else {p.pk for p in self.delegate_professions.all()}
        )
        return user.profession_id in ids

    # -- history: FieldRevisionsMixin, with the professions as their codes ---------

    def field_text(self, name: str) -> str:
        if name == "delegate_professions":
            return ", ".join(sorted(p.code for p in self.delegate_professions.all()))
        if name == "delegant_profession":
            return self.delegant_profession.code
        return super().field_text(name)

    def set_field_from_text(self, name: str, raw: str) -> None:
        if name == "delegant_profession":
            self.delegant_profession = Profession.objects.get(code=raw)
        else:
            super().set_field_from_text(name, raw)

    def after_restore(self, content: dict[str, str]) -> None:
        codes = [c.strip() for c in content.get("delegate_professions", "").split(",")]
        self.delegate_professions.set(Profession.objects.filter(code__in=[c for c in codes if c]))


class NationalProtocolRevision(Revision):
    """One dated state of a catalogue entry: who changed what, when."""

    protocol = models.ForeignKey(
        NationalProtocol, on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_nationalprotocolrevision"
        ordering = ["protocol", "-number"]
        verbose_name = _("version d'un protocole national")
        verbose_name_plural = _("versions des protocoles nationaux")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "number"],
                name="national_protocol_revision_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            )
        ]
