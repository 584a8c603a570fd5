"""Numbered revisions kept for good: who, when, why, what — comparable and restorable.

A versioned document declares its revision model and calls the operations below:

    class ProtocolRevision(Revision):
        protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE,
                                     related_name="revisions")

        class Meta:
            ordering = ["protocol", "-number"]
            constraints = [models.UniqueConstraint(fields=["protocol", "number"],
                                                   name="protocol_revision_unique_number")]

    save_revision(protocol.revisions, {"title": …, "text": …}, by=user, comment=…)
    restore_revision(protocol.revisions, old, by=user)

A *family* is the set of revisions numbered together: the owner's related manager
(`protocol.revisions`: the owner row is locked while a number is allocated) or,
for a document without an owner row such as the charter, the model's manager
(`Charter.objects`: the existing revisions are locked, and the unique constraint
on `number` settles the race on an empty family). Numbers start at 1.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """One numbered state of a document. A frozen revision never changes again."""

    number = models.PositiveIntegerField(_("numéro"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistrée le"), default=timezone.now)
    comment = models.CharField(_("commentaire"), max_length=255, blank=True)
    content = models.JSONField(_("contenu"), default=dict)
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restaurée depuis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    frozen = models.BooleanField(
        _("figée"), default=False, help_text=_("Une version figée ne change plus.")
    )

    # Subclasses may say why their frozen revisions are frozen.
    frozen_message = _("Cette version est figée : elle ne peut être ni modifiée ni supprimée.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return gettext("Version %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs) -> None:
        # Read the stored flag: un-freezing in memory must not open a way around it.
        if self.pk and type(self)._base_manager.filter(pk=self.pk, frozen=True).exists():
            raise ValidationError(self.frozen_message, code="frozen")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.frozen or type(self)._base_manager.filter(pk=self.pk, frozen=True).exists():
            raise ValidationError(self.frozen_message, code="frozen")
        return super().delete(*args, **kwargs)

    @property
    def restored_note_needed(self) -> bool:
        """Whether « (restaurée depuis la version N) » adds anything: not after
        the comment a restoration writes by default, which says the same."""
        return self.restored_from is not None and self.comment != restore_comment(
            self.restored_from
        )


# -- operations -----------------------------------------------------------------------


def _owner(family) -> models.Model | None:
    """The row a related manager belongs to (`project.versions` → the project)."""
    return getattr(family, "instance", None)


def lock_family(family) -> None:
    """Serialise number allocation: lock the owner row, or, without an owner,
    the existing revisions. Must run inside a transaction."""
    owner = _owner(family)
    if owner is not None:
        manager = type(owner)._base_manager
        list(manager.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))
    else:
        list(family.all().select_for_update().values_list("pk", flat=True))


def next_number(family) -> int:
    """max + 1 of the family (1 for the first); call it under `lock_family`."""
    return (family.aggregate(n=models.Max("number"))["n"] or 0) + 1


def latest_revision(family) -> Revision | None:
    return family.order_by("-number").first()


def latest_revision_in_query(family) -> Subquery:
    """The latest revision's id as a subquery, for a query that compares
    its rows with it (no query of its own)."""
    return Subquery(family.order_by("-number").values("pk")[:1])


@transaction.atomic
def save_revision(
    family,
    content: dict[str, Any],
    *,
    by,
    comment: str = "",
    restored_from: Revision | None = None,
    **fields: Any,
) -> Revision:
    """Record `content` as the family's next revision. `fields` fill the
    subclass's own columns (e.g. the health project's status)."""
    lock_family(family)
    try:
        with transaction.atomic():
            return family.create(
                number=next_number(family),
                content=content,
                author=by,
                comment=(comment or "").strip(),
                restored_from=restored_from,
                **fields,
            )
    except IntegrityError as error:
        # Only possible when two first revisions of an empty family race.
        raise ValidationError(
            _("Une autre version vient d'être enregistrée : recommencez, s'il vous plaît."),
            code="concurrent",
        ) from error


def check_restorable(family, revision: Revision) -> None:
    """Refuse a revision from elsewhere, or one identical to the current content."""
    if not family.filter(pk=revision.pk).exists():
        raise ValidationError(_("Cette version n'appartient pas à ce document."), code="foreign")
    latest = latest_revision(family)
    if latest is not None and latest.content == revision.content:
        raise ValidationError(
            _("Cette version a le même texte que la version actuelle : rien à restaurer."),
            code="identical",
        )


def restore_comment(revision: Revision, comment: str = "") -> str:
    return (comment or "").strip() or gettext("Restauration de la version %(number)s") % {
        "number": revision.number
    }


@transaction.atomic
def restore_revision(
    family, revision: Revision, *, by, comment: str = "", **fields: Any
) -> Revision:
    """Copy an old revision's content into a NEW revision: history is kept."""
    lock_family(family)
    check_restorable(family, revision)
    return save_revision(
        family,
        dict(revision.content),
        by=by,
        comment=restore_comment(revision, comment),
        restored_from=revision,
        **fields,
    )


# -- pages ----------------------------------------------------------------------------


@dataclass
class RevisionRow:
    """One line of the shared version list (templates/revisions/_revision_list.html)."""

    revision: Revision
    url: str
    restore_url: str
    is_current: bool
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RevisionPages:
    """Where a family's pages live, for the shared templates. `view`, `restore`
    and the `links` (label, URL name) take `args` then the revision number;
    `compare` takes `args` only and reads ?a=&b=."""

    view: str
    compare: str
    restore: str
    args: tuple[Any, ...] = ()
    links: tuple[tuple[str, str], ...] = ()

    def compare_url(self) -> str:
        return reverse(self.compare, args=self.args)

    def view_url(self, revision: Revision) -> str:
        return reverse(self.view, args=[*self.args, revision.number])

    def rows(self, revisions: Iterable[Revision], *, current: int | None) -> list[RevisionRow]:
        """`current` is the number of the revision in force (never offered for restore)."""
        return [
            RevisionRow(
                revision=revision,
                url=self.view_url(revision),
                restore_url=reverse(self.restore, args=[*self.args, revision.number]),
                is_current=revision.number == current,
                links=[
                    (label, reverse(name, args=[*self.args, revision.number]))
                    for label, name in self.links
                ],
            )
            for revision in revisions
        ]


def parse_number(value: str | None) -> int | None:
    """A revision number from a query string, or None when it is not one."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def revisions_to_compare(family, a: str | None, b: str | None) -> tuple[Revision, Revision]:
    """The (older, newer) pair asked for by ?a=&b=; a French ValidationError otherwise."""
    first, second = parse_number(a), parse_number(b)
    if first is None or second is None:
        raise ValidationError(_("Choisissez deux versions à comparer."))
    if first == second:
        raise ValidationError(_("Choisissez deux versions différentes à comparer."))
    found = {
        r.number: r for r in family.select_related("author").filter(number__in=[first, second])
    }
    for number in (first, second):
        if number not in found:
            raise ValidationError(_("La version %(number)s n'existe pas.") % {"number": number})
    low, high = sorted((first, second))
    return found[low], found[high]


# -- reference data kept as revisions of its fields ------------------------------------


def field_as_text(value: Any) -> str:
    """A field's value as a revision keeps it: "" for nothing, « oui » or
    « non », ISO dates, decimals with two places ("7.00" whether typed "7" or
    loaded), so that an unchanged record gives an unchanged content."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


class FieldRevisionsMixin:
    """Reference data kept by staff (a national cooperation protocol, an ACI
    rule) whose revisions hold its fields as texts, compared field by field:
    `revision_fields` lists them as (name, label) pairs, `revisions` is the
    related name of its revision model. A model with relations among its
    fields says how they are written (`field_text`) and read back
    (`set_field_from_text`); `restore_skips` are left as they are by a
    restoration, `after_restore` completes one."""

    revision_fields: ClassVar[list[tuple[str, Any]]] = []
    restore_skips: ClassVar[tuple[str, ...]] = ()

    def field_text(self, name: str) -> str:
        return field_as_text(getattr(self, name))

    def revision_content(self) -> dict[str, str]:
        """Every field as text, for the revisions."""
        return {name: self.field_text(name) for name, _label in self.revision_fields}

    def set_field_from_text(self, name: str, raw: str) -> None:
        field = self._meta.get_field(name)
        if isinstance(field, models.BooleanField):
            setattr(self, name, raw == "oui")
        elif raw == "" and field.null:
            setattr(self, name, None)
        else:
            setattr(self, name, field.to_python(raw))

    def apply_content(self, content: dict[str, str]) -> None:
        """Set the fields from a revision's content (a restoration)."""
        for name, _label in self.revision_fields:
            if name in content and name not in self.restore_skips:
                self.set_field_from_text(name, content[name])

    @transaction.atomic
    def save_revision(self, *, by, comment: str = "") -> Revision | None:
        """Save the current state as a new revision, unless nothing changed."""
        content = self.revision_content()
        latest = latest_revision(self.revisions)
        if latest is not None and latest.content == content:
            return None
        return save_revision(self.revisions, content, by=by, comment=comment)

    @transaction.atomic
    def restore(self, revision: Revision, *, by) -> Revision:
        new = restore_revision(self.revisions, revision, by=by)
        self.apply_content(revision.content)
        self.full_clean()
        self.save()
        self.after_restore(revision.content)
        return new

    def after_restore(self, content: dict[str, str]) -> None:
        """What a restoration sets beyond the fields (many-to-many relations)."""
