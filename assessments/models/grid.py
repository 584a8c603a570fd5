"""Self-assessment grids: reference data kept by staff, each change a dated
version (gecolib/revisions.py) that can be compared and restored.

A grid has its level scale (four levels by default) and its axes, each
declined into dimensions made precise by characteristics. A dimension names
the figures of the portal shown beside it while the members answer
(`evidence_keys`, gecolib/evidence.py). The starter grid is GECO Lib's own,
inspired by the HAS maturity matrix: staff mark each dimension once they have
checked how it matches the HAS's dimensions (`aligned`).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.revisions import FieldRevisionsMixin, Revision
from gecolib.team_data import TeamDataChecks

REVISION_FIELDS = [
    ("title", _("Titre")),
    ("introduction", _("Présentation")),
    ("active", _("Proposée aux équipes")),
    ("levels", _("Niveaux")),
    ("outline", _("Axes, dimensions et caractéristiques")),
]


def levels_text(levels) -> str:
    """The scale as a version shows it: « 1. Intitulé — description », a line each."""
    return "\n".join(
        f"{level.value}. {level.label} — {level.description}".rstrip(" —") for level in levels
    )


def outline_text(axes) -> str:
    """Axes, dimensions and characteristics as a version shows them
    (`axes`: (axis, its dimensions) pairs)."""
    lines = []
    for axis, dimensions in axes:
        lines.append(f"## {axis.name}")
        for dimension in dimensions:
            lines.append(f"### {dimension.name}")
            if dimension.description:
                lines.append(dimension.description)
            lines += [
                f"- {line.strip()}"
                for line in dimension.characteristics.splitlines()
                if line.strip()
            ]
    return "\n".join(lines)


def content_items(levels, axes) -> dict:
    """What a restoration puts back on the levels and dimensions that still exist."""
    return {
        "levels": {str(level.value): [level.label, level.description] for level in levels},
        "dimensions": {
            str(dimension.pk): [dimension.name, dimension.description, dimension.characteristics]
            for _axis, dimensions in axes
            for dimension in dimensions
        },
    }


class GridQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Grid(FieldRevisionsMixin, TeamDataChecks, models.Model):
    """A grid and its whole content, kept as one versioned document: a
    version holds the grid's texts (compared field by field) and, under
    `items`, the texts of its levels and dimensions, which a restoration
    puts back on the levels and dimensions that still exist."""

    revision_fields: ClassVar = REVISION_FIELDS

    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("présentation"), blank=True)
    active = models.BooleanField(
        _("proposée aux équipes"),
        default=True,
        help_text=_("Une grille retirée n'est plus proposée pour une nouvelle campagne."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = GridQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("grille d'autoévaluation")
        verbose_name_plural = _("grilles d'autoévaluation")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:grid", args=[self.pk])

    # -- content --------------------------------------------------------------

    def ordered_levels(self) -> list[Level]:
        return list(self.levels.order_by("value"))

    def ordered_axes(self) -> list[Axis]:
        """The axes with their dimensions (two queries)."""
        return list(
            self.axes.order_by("position", "pk").prefetch_related(
                models.Prefetch("dimensions", queryset=Dimension.objects.order_by("position", "pk"))
            )
        )

    def _parts(self) -> tuple[list, list]:
        axes = self.ordered_axes()
        return self.ordered_levels(), [(axis, list(axis.dimensions.all())) for axis in axes]

    def field_text(self, name: str) -> str:
        if name == "levels":
            return levels_text(self.ordered_levels())
        if name == "outline":
            return outline_text(self._parts()[1])
        return super().field_text(name)

    def revision_content(self) -> dict:
        content = super().revision_content()
        content["items"] = content_items(*self._parts())
        return content

    def set_field_from_text(self, name: str, raw: str) -> None:
        if name in ("levels", "outline"):
            return  # put back by after_restore, from the version's items
        super().set_field_from_text(name, raw)

    def after_restore(self, content: dict) -> None:
        items = content.get("items") or {}
        for level in self.levels.all():
            if (texts := items.get("levels", {}).get(str(level.value))) is not None:
                level.label, level.description = texts
                level.save(update_fields=["label", "description"])
        for dimension in Dimension.objects.filter(axis__grid=self):
            if (texts := items.get("dimensions", {}).get(str(dimension.pk))) is not None:
                dimension.name, dimension.description, dimension.characteristics = texts
                dimension.save(update_fields=["name", "description", "characteristics"])

    @property
    def version_number(self) -> int:
        latest = self.revisions.order_by("-number").values_list("number", flat=True).first()
        return latest or 0


class GridRevision(Revision):
    """One dated state of a grid: who changed what, when."""

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="revisions")

    class Meta:
        ordering = ["grid", "-number"]
        verbose_name = _("version d'une grille")
        verbose_name_plural = _("versions des grilles")
        constraints = [
            models.UniqueConstraint(
                fields=["grid", "number"],
                name="assessment_grid_revision_unique_number",
                violation_error_message=_("Cette version existe déjà."),
            )
        ]


class Level(TeamDataChecks, models.Model):
    """A step of a grid's scale: 1 is the first, the highest the most mature."""

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("rang"))
    label = models.CharField(_("intitulé"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["grid", "value"]
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaux")
        constraints = [
            models.UniqueConstraint(
                fields=["grid", "value"],
                name="assessment_level_unique_value",
                violation_error_message=_("La grille a déjà un niveau de ce rang."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=1),
                name="assessment_level_value_positive",
                violation_error_message=_("Le rang d'un niveau commence à 1."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(value)s. %(label)s") % {"value": self.value, "label": self.label}


class Axis(TeamDataChecks, models.Model):
    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="axes")
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(_("intitulé"), max_length=200)

    class Meta:
        ordering = ["grid", "position", "pk"]
        verbose_name = _("axe")
        verbose_name_plural = _("axes")

    def __str__(self) -> str:
        return self.name


class Dimension(TeamDataChecks, models.Model):
    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="dimensions")
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("ce que l'on évalue"), blank=True)
    characteristics = models.TextField(
        _("caractéristiques"),
        blank=True,
        help_text=_("Une caractéristique par ligne : ce qui rend la dimension concrète."),
    )
    evidence_keys = models.JSONField(
        _("données du portail affichées"),
        default=list,
        blank=True,
        help_text=_("Les chiffres calculés par le portail montrés à côté de la dimension."),
    )
    aligned = models.BooleanField(
        _("correspondance avec la matrice HAS vérifiée"),
        default=False,
        help_text=_(
            "À cocher par l'équipe du réseau une fois vérifié à quelle dimension de la matrice "
            "de maturité HAS celle-ci correspond."
        ),
    )
    has_reference = models.CharField(
        _("dimension correspondante de la matrice HAS"),
        max_length=200,
        blank=True,
        help_text=_("Son intitulé, une fois vérifié sur le texte de la HAS."),
    )

    class Meta:
        ordering = ["axis", "position", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name

    @property
    def characteristic_list(self) -> list[str]:
        return [line.strip() for line in self.characteristics.splitlines() if line.strip()]
