"""The rules of the ACI (accord conventionnel interprofessionnel des
structures de santé pluriprofessionnelles) that the portal turns into points
and euros: reference data kept by staff, each change a dated revision
(gecolib/revisions.py) that can be compared and restored, so that a new
avenant is an edit, not a release.

A rule counts units (protocols in application…) for structures of one kind:
`points_per_unit` each, up to `max_units`, at `point_value` euros a point.
The tools read it by code (`AciRule.objects.for_structure("protocoles",
structure)`): None for a structure of another kind, which then shows no ACI
wording at all. `estimate(count)` gives the points and the euros, always an
estimate (the Assurance maladie pays), with the rule's date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import FieldRevisionsMixin, Revision
from gecolib.team_data import TeamDataChecks
from gecolib.text import euros

from ..enums import Stage, StructureKind

# The rule of the coordination protocols (loaded by 0009_load_aci_rules).
PROTOCOLS = "protocoles"


@dataclass(frozen=True)
class AciEstimate:
    """What `count` units earn under a rule: `counted` of them (the cap
    applied), their points and euros, and the most points the rule gives."""

    rule: AciRule
    count: int
    counted: int
    points: int
    max_points: int | None
    amount: Decimal

    @property
    def amount_label(self) -> str:
        return euros(self.amount)


class AciRuleQuerySet(models.QuerySet):
    def for_structure(self, code: str, structure) -> AciRule | None:
        """The rule `code` if it applies to `structure`'s kind, else None
        (one query)."""
        return self.filter(code=code, structure_kind=structure.kind).first()


REVISION_FIELDS = [
    ("code", _("Code")),
    ("label", _("Intitulé")),
    ("structure_kind", _("Structures concernées")),
    ("points_per_unit", _("Points par unité")),
    ("max_units", _("Nombre maximal d'unités comptées")),
    ("point_value", _("Valeur du point (€)")),
    ("source", _("Texte de référence")),
    ("rule_date", _("Date de la règle")),
    ("checked", _("Vérifiée sur le texte en vigueur")),
]


class AciRule(FieldRevisionsMixin, TeamDataChecks, models.Model):
    revision_fields = REVISION_FIELDS
    restore_skips = ("code",)  # the name the tools read the rule by

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "Le nom sous lequel les outils du portail lisent la règle "
            "(« protocoles » : protocoles de coordination). Il ne change plus ensuite."
        ),
        error_messages={"unique": _("Une règle porte déjà ce code.")},
    )
    label = models.CharField(_("intitulé"), max_length=200)
    structure_kind = models.CharField(
        _("structures concernées"),
        max_length=20,
        choices=StructureKind.choices,
        default=StructureKind.MSP,
        help_text=_("Les autres types de structure ne voient aucune mention de cette règle."),
    )
    points_per_unit = models.PositiveIntegerField(
        _("points par unité"),
        validators=[MinValueValidator(1, _("Une unité rapporte au moins un point."))],
        help_text=_("Par exemple : 100 points par protocole en application."),
    )
    max_units = models.PositiveIntegerField(
        _("nombre maximal d'unités comptées"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Le plafond compte au moins une unité."))],
        help_text=_("Par exemple : 8 protocoles au plus. Vide : pas de plafond."),
    )
    point_value = models.DecimalField(
        _("valeur du point (€)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), _("La valeur du point est positive."))],
    )
    source = models.CharField(
        _("texte de référence"),
        max_length=255,
        help_text=_("L'accord ou l'avenant qui fixe la règle."),
    )
    rule_date = models.DateField(_("date de la règle"))
    checked = models.BooleanField(
        _("vérifiée sur le texte en vigueur"),
        default=False,
        help_text=_("Décochée tant que l'équipe n'a pas relu la règle sur l'accord en vigueur."),
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = AciRuleQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        verbose_name = _("règle de l'ACI")
        verbose_name_plural = _("règles de l'ACI")
        constraints = [
            models.CheckConstraint(
                condition=Q(points_per_unit__gte=1)
                & Q(point_value__gt=0)
                & (Q(max_units__isnull=True) | Q(max_units__gte=1)),
                name="aci_rule_positive_values",
                violation_error_message=_(
                    "Les points, le plafond et la valeur du point sont positifs."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("structures:aci_rule_edit", args=[self.pk])

    def estimate(self, count: int) -> AciEstimate:
        """Points and euros for `count` units (the cap applied)."""
        counted = min(count, self.max_units) if self.max_units is not None else count
        max_points = self.max_units * self.points_per_unit if self.max_units is not None else None
        return AciEstimate(
            rule=self,
            count=count,
            counted=counted,
            points=counted * self.points_per_unit,
            max_points=max_points,
            amount=counted * self.points_per_unit * self.point_value,
        )

    @property
    def point_value_label(self) -> str:
        return euros(self.point_value)

    @property
    def summary(self) -> str:
        """The rule in words: « 100 points par unité, 8 unités au plus (800 points,
        soit 5 600 €) ; 1 point = 7 € »."""
        per_unit = ngettext(
            "%(points)s point par unité", "%(points)s points par unité", self.points_per_unit
        ) % {"points": self.points_per_unit}
        if self.max_units is not None:
            best = self.estimate(self.max_units)
            per_unit = gettext("%(per_unit)s, %(cap)s (%(points)s points, soit %(amount)s)") % {
                "per_unit": per_unit,
                "cap": ngettext("%(n)s unité au plus", "%(n)s unités au plus", self.max_units)
                % {"n": self.max_units},
                "points": best.points,
                "amount": best.amount_label,
            }
        return gettext("%(rule)s ; 1 point = %(value)s") % {
            "rule": per_unit,
            "value": self.point_value_label,
        }


def rule_content_as_text(content: dict, fields) -> dict[str, str]:
    """A version's values as people read them: « 7,50 », « 20/04/2017 »,
    the kind's name (the version keeps « 7.50 », « 2017-04-20 », « msp »)."""
    texts = {key: str(content.get(key, "") or "") for key, _label in fields}
    if texts.get("point_value"):
        texts["point_value"] = texts["point_value"].replace(".", ",")
    if date := texts.get("rule_date"):
        try:
            texts["rule_date"] = datetime.date.fromisoformat(date).strftime("%d/%m/%Y")
        except ValueError:
            pass
    if kind := texts.get("structure_kind"):
        texts["structure_kind"] = str(dict(StructureKind.choices).get(kind, kind))
    return texts


def under_aci_signature(structure) -> bool:
    """Whether the structure's page says it signed the ACI (a date, or the
    stage « ACI signé »)."""
    return structure.aci_signed_on is not None or structure.stage in (
        Stage.MSP_ACI,
        Stage.CPTS_ACI,
    )


class AciRuleRevision(Revision):
    """One dated state of an ACI rule: who changed what, when."""

    rule = models.ForeignKey(AciRule, on_delete=models.CASCADE, related_name="revisions")

    class Meta:
        ordering = ["rule", "-number"]
        verbose_name = _("version d'une règle de l'ACI")
        verbose_name_plural = _("versions des règles de l'ACI")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "number"],
                name="aci_rule_revision_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            )
        ]
