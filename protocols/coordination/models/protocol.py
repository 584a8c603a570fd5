"""Coordination protocols (HAS "protocoles pluriprofessionnels de soins de
premier recours"): who does what, when and how, written by a structure's team.

A protocol is a text (the HAS method sheet's headings) with an ordered table of
steps; its indicators and design meetings are dated records beside it
(`coordination_parts`). Every change of the text, the steps or the indicators,
and every change of status, is a numbered revision (gecolib.revisions):
comparable, restorable. A revision also keeps the indicators with their dated
values, so that deleting an indicator loses nothing: restoring the version
saved before brings it back with its values.
The team validates a protocol by the answers of the members asked
(models/validation.py) or by a decision taken in meeting, recorded by whoever
edits it (`validate`); the protocol keeps which (`validation_method`).
The network library is a flag on the protocol (`shared_at`), with the choice of
showing the structure's name and the indicators' values (never their
comments); a copy keeps a link to its origin.
Free text and dates are checked at the model level (`TeamDataChecks`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.models import Profession
from gecolib.revisions import Revision, latest_revision, restore_revision, save_revision
from gecolib.team_data import TeamDataChecks, validate_date_in_range
from structures.models import AciRule, Structure
from structures.models.aci import PROTOCOLS as ACI_PROTOCOLS
from structures.models.aci import AciEstimate, under_aci_signature

from ..enums import ProblemSource, ProtocolStatus, ProtocolTheme, RoundStatus, ValidationMethod
from .indicator_history import (
    indicators_content,
    restore_indicators,
    text_content,
    with_indicators,
)
from .parts import ProtocolStep
from .querysets import IN_FORCE_STATUSES, ProtocolQuerySet

# Statuses in which the text and the steps may change.
EDITABLE_STATUSES = (ProtocolStatus.DESIGN, ProtocolStatus.TO_REVIEW)
# Statuses in which a protocol may be shared with the network.
SHAREABLE_STATUSES = (ProtocolStatus.VALIDATED, ProtocolStatus.IN_USE)
MAX_TEXT = 20_000

# The protocol's text, in the order of the HAS sheet: (field, label).
TEXT_FIELDS = [
    ("title", _("Titre")),
    ("problem", _("Problème abordé")),
    ("problem_detail", _("Comment l'équipe l'a identifié")),
    ("objectives", _("Objectifs")),
    ("inclusion_criteria", _("Critères d'inclusion")),
    ("exclusion_criteria", _("Critères d'exclusion")),
    ("information_sharing", _("Informations partagées et moyens")),
    ("patient_involvement", _("Implication des patients et des aidants")),
    ("references", _("Références")),
]


def one_year_after(date: datetime.date) -> datetime.date:
    """The same day a year later (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


class Protocol(TeamDataChecks, models.Model):
    structure = models.ForeignKey(
        Structure, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="protocols"
    )
    title = models.CharField(_("titre"), max_length=200)
    theme = models.CharField(_("thème"), max_length=30, choices=ProtocolTheme.choices)
    problem = models.TextField(
        _("problème abordé"),
        max_length=MAX_TEXT,
        help_text=_("La situation de soins que l'équipe veut mieux prendre en charge."),
    )
    problem_source = models.CharField(
        _("identifié grâce à"), max_length=20, choices=ProblemSource.choices, blank=True
    )
    problem_detail = models.TextField(
        _("comment l'équipe l'a identifié"),
        max_length=MAX_TEXT,
        blank=True,
    )
    objectives = models.TextField(_("objectifs"), max_length=MAX_TEXT, blank=True)
    inclusion_criteria = models.TextField(
        _("critères d'inclusion"),
        max_length=MAX_TEXT,
        blank=True,
        help_text=_("Des critères, jamais des patients : âge, pathologie, situation…"),
    )
    exclusion_criteria = models.TextField(
        _("critères d'exclusion"),
        max_length=MAX_TEXT,
        blank=True,
    )
    professions = models.ManyToManyField(
        Profession, verbose_name=_("professions concernées"), blank=True, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membres impliqués"),
        blank=True,
        related_name="protocols_involved",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteurs"),
        blank=True,
        related_name="protocols_authored",
        help_text=_("Ces membres peuvent modifier le protocole, comme les coordinateurs."),
    )
    information_sharing = models.TextField(
        _("informations partagées et moyens"),
        max_length=MAX_TEXT,
        blank=True,
        help_text=_("Quelles informations, entre qui, par quel moyen (messagerie sécurisée…)."),
    )
    patient_involvement = models.TextField(
        _("implication des patients et des aidants"),
        max_length=MAX_TEXT,
        blank=True,
    )
    references = models.TextField(
        _("références"),
        max_length=MAX_TEXT,
        blank=True,
        help_text=_("Recommandations, littérature."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ProtocolStatus.choices, default=ProtocolStatus.DESIGN
    )
    validated_on = models.DateField(_("validé le"), null=True, blank=True)
    agreed_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membres ayant validé"),
        blank=True,
        related_name="protocols_agreed",
    )
    validation_method = models.CharField(
        _("validé par"),
        max_length=10,
        choices=ValidationMethod.choices,
        blank=True,
        help_text=_("Les avis des membres sollicités, ou une décision prise en réunion."),
    )
    validation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validation enregistrée ou demandée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_date = models.DateField(_("date de révision"), null=True, blank=True)
    origin = models.CharField(
        _("origine"),
        max_length=255,
        blank=True,
        help_text=_("D'où vient ce protocole (une décision de RCP, un autre protocole…)."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copié de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    shared = models.BooleanField(_("partagé avec le réseau"), default=False)
    shared_at = models.DateTimeField(_("partagé le"), null=True, blank=True)
    show_structure = models.BooleanField(
        _("afficher le nom de la structure dans la bibliothèque"), default=True
    )
    show_indicator_values = models.BooleanField(
        _("montrer les valeurs des indicateurs dans la bibliothèque"),
        default=False,
        help_text=_("Les commentaires des valeurs ne sont jamais montrés dans la bibliothèque."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ProtocolQuerySet.as_manager()

    class Meta:
        ordering = ["structure", "title"]
        verbose_name = _("protocole de coordination")
        verbose_name_plural = _("protocoles de coordination")
        constraints = [
            models.CheckConstraint(
                condition=Q(shared=False) | Q(status__in=SHAREABLE_STATUSES),
                name="protocol_shared_only_when_validated",
                violation_error_message=_("Seul un protocole validé peut être partagé."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("protocols:protocol_detail", args=[self.pk])

    # -- reading -----------------------------------------------------------------------

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_shareable(self) -> bool:
        return self.status in SHAREABLE_STATUSES

    @property
    def review_overdue(self) -> bool:
        return (
            self.review_date is not None
            and self.status in IN_FORCE_STATUSES
            and self.review_date < timezone.localdate()
        )

    def library_source(self) -> str:
        """How the library names the team that wrote it."""
        if self.show_structure:
            return self.structure.name
        return gettext("Une équipe du réseau GECO Lib'")

    def content(self) -> dict:
        """The revision content: the text, the ordered steps, and the indicators
        with their dated values."""
        data = {key: getattr(self, key) for key, _label in TEXT_FIELDS}
        data["theme"] = self.theme
        data["steps"] = [
            {"who": s.who, "what": s.what, "when": s.when, "how": s.how} for s in self.steps.all()
        ]
        data["indicators"] = indicators_content(self)
        return data

    # -- revisions ---------------------------------------------------------------------

    def save_revision(self, *, by, comment: str = "") -> ProtocolRevision | None:
        """A new revision when the content changed, or with a comment (a change
        of status); None when there is nothing new to keep."""
        content = self.content()
        latest = latest_revision(self.revisions)
        if latest is not None and with_indicators(latest.content) == content and not comment:
            return None
        revision = save_revision(self.revisions, content, by=by, comment=comment)
        self.interrupt_validation_if_text_changed(content)
        return revision

    def interrupt_validation_if_text_changed(self, content: dict) -> None:
        """The request for validation in progress ends when the text or the
        steps are no longer those the members were asked about."""
        open_round = (
            self.validation_rounds.filter(status=RoundStatus.OPEN)
            .select_related("revision")
            .first()
        )
        if open_round is None:
            return
        asked = open_round.revision.content if open_round.revision else None
        if asked is None or text_content(asked) != text_content(content):
            self.close_validation_rounds(RoundStatus.TEXT_CHANGED)

    def close_validation_rounds(self, status: str) -> None:
        """End the request for validation in progress (its answers are kept)."""
        self.validation_rounds.filter(status=RoundStatus.OPEN).update(
            status=status, closed_at=timezone.now()
        )

    def keep_state(self, *, by, comment: str = "") -> ProtocolRevision | None:
        """A revision of the current state, unless the latest already holds it
        (the dated values of the indicators are entered without a revision)."""
        content = self.content()
        latest = latest_revision(self.revisions)
        if latest is not None and with_indicators(latest.content) == content:
            return None
        return save_revision(self.revisions, content, by=by, comment=comment)

    @transaction.atomic
    def apply_content(self, content: dict) -> None:
        for key, _label in TEXT_FIELDS:
            setattr(self, key, content.get(key, ""))
        if content.get("theme") in ProtocolTheme.values:
            self.theme = content["theme"]
        self.save()
        self.steps.all().delete()
        ProtocolStep.objects.bulk_create(
            ProtocolStep(protocol=self, position=index, **step)
            for index, step in enumerate(content.get("steps", []), start=1)
        )
        if "indicators" in content:  # revisions older than issue 19 did not keep them
            restore_indicators(self, content["indicators"])

    @transaction.atomic
    def restore(self, revision: ProtocolRevision, *, by) -> ProtocolRevision:
        if not self.is_editable:
            raise ValidationError(
                _(
                    "Ce protocole n'est pas en conception ni à réviser : passez-le « à réviser » "
                    "avant de restaurer une version."
                )
            )
        new = restore_revision(self.revisions, revision, by=by)
        self.apply_content(new.content)
        # The indicators added since were kept: the new version says what is.
        new.content = self.content()
        new.save(update_fields=["content"])
        self.interrupt_validation_if_text_changed(new.content)
        return new

    # -- status ------------------------------------------------------------------------

    def _check_from(self, *allowed: str) -> None:
        if self.status not in allowed:
            raise ValidationError(
                _("Impossible depuis le statut « %(status)s ».")
                % {"status": self.get_status_display()}
            )

    def _set_status(
        self, status: str, *, by, comment: str, closes: str = RoundStatus.CLOSED, **fields
    ) -> None:
        """A change of status ends the request for validation in progress
        (`closes`: why)."""
        self.close_validation_rounds(closes)
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        if status not in SHAREABLE_STATUSES:
            self.shared = False
        self.save()
        self.save_revision(by=by, comment=comment)

    @transaction.atomic
    def validate(
        self,
        *,
        by,
        date: datetime.date,
        agreed_by,
        review_date: datetime.date | None = None,
    ) -> None:
        """A decision taken in meeting, recorded by `by`: the date, who agreed,
        the review date (a year later unless given). The request for the
        members' answers in progress, if any, ends with it."""
        self.record_validation(
            by=by,
            date=date,
            agreed=agreed_by,
            review_date=review_date,
            method=ValidationMethod.MEETING,
            recorded_by=by,
            comment=gettext("Validé par l'équipe le %(date)s (décision prise en réunion)")
            % {"date": date.strftime("%d/%m/%Y")},
        )

    @transaction.atomic
    def record_validation(
        self,
        *,
        by,
        date: datetime.date,
        agreed,
        review_date: datetime.date | None,
        method: str,
        recorded_by,
        comment: str,
    ) -> None:
        """The protocol is validated by the team (`method`: the members'
        answers or a decision taken in meeting), on `date`, by the members
        `agreed`; the review date a year later unless given."""
        self.status = Protocol.objects.lock(self.pk).status
        self._check_from(ProtocolStatus.DESIGN, ProtocolStatus.TO_REVIEW)
        if not self.steps.exists():
            raise ValidationError(_("Un protocole sans étape ne peut pas être validé."))
        agreed = list(agreed)
        if not agreed:
            raise ValidationError(_("Indiquez au moins un membre qui a validé le protocole."))
        validate_date_in_range(date)
        if date > timezone.localdate():
            raise ValidationError(_("La date de validation ne peut pas être dans le futur."))
        if review_date is not None:
            validate_date_in_range(review_date)
        review = review_date or one_year_after(date)
        if review <= date:
            raise ValidationError(_("La date de révision doit suivre la date de validation."))
        self._set_status(
            ProtocolStatus.VALIDATED,
            by=by,
            comment=comment[:255],
            closes=RoundStatus.MEETING,
            validated_on=date,
            review_date=review,
            validation_method=method,
            validation_recorded_by=recorded_by,
        )
        self.agreed_by.set(agreed)

    @property
    def validated_by_meeting(self) -> bool:
        return self.validation_method == ValidationMethod.MEETING

    @property
    def validated_by_answers(self) -> bool:
        return self.validation_method == ValidationMethod.ANSWERS

    def start_application(self, *, by) -> None:
        self._check_from(ProtocolStatus.VALIDATED)
        self._set_status(ProtocolStatus.IN_USE, by=by, comment=gettext("Mis en application"))

    def ask_review(self, *, by) -> None:
        self._check_from(ProtocolStatus.VALIDATED, ProtocolStatus.IN_USE)
        self._set_status(ProtocolStatus.TO_REVIEW, by=by, comment=gettext("Passé à réviser"))

    def reopen(self, *, by) -> None:
        self._check_from(ProtocolStatus.TO_REVIEW, ProtocolStatus.ARCHIVED)
        self._set_status(ProtocolStatus.DESIGN, by=by, comment=gettext("Remis en conception"))

    def archive(self, *, by) -> None:
        self._check_from(*(s for s in ProtocolStatus.values if s != ProtocolStatus.ARCHIVED))
        self._set_status(ProtocolStatus.ARCHIVED, by=by, comment=gettext("Archivé"))

    TRANSITIONS = {
        "start": "start_application",
        "review": "ask_review",
        "reopen": "reopen",
        "archive": "archive",
    }

    # -- network library ---------------------------------------------------------------

    def share(self, *, by, show_structure: bool, show_indicator_values: bool = False) -> None:
        """Into the network library, with or without the structure's name and
        the indicators' values (their comments never leave the team)."""
        if not self.is_shareable:
            raise ValidationError(
                _("Seul un protocole validé ou en application peut être partagé avec le réseau.")
            )
        self.shared, self.show_structure = True, show_structure
        self.show_indicator_values = show_indicator_values
        self.shared_at = self.shared_at or timezone.now()
        self.save(
            update_fields=[
                "shared",
                "show_structure",
                "show_indicator_values",
                "shared_at",
                "updated_at",
            ]
        )

    def unshare(self, *, by) -> None:
        self.shared, self.shared_at = False, None
        self.save(update_fields=["shared", "shared_at", "updated_at"])

    @transaction.atomic
    def copy_to(self, structure: Structure, *, by) -> Protocol:
        """A draft of `structure` that starts from this protocol (text, steps and
        indicators, not the values nor the meetings), linked to its origin."""
        copy = Protocol(
            structure=structure,
            theme=self.theme,
            problem_source=ProblemSource.NETWORK,
            copied_from=self,
            origin=gettext("Copié de « %(title)s » (%(source)s)")
            % {"title": self.title, "source": self.library_source()},
            created_by=by,
        )
        for key, _label in TEXT_FIELDS:
            setattr(copy, key, getattr(self, key))
        copy.save()
        copy.professions.set(self.professions.all())
        ProtocolStep.objects.bulk_create(
            ProtocolStep(
                protocol=copy, position=s.position, who=s.who, what=s.what, when=s.when, how=s.how
            )
            for s in self.steps.all()
        )
        for indicator in self.indicators.all():
            copy.indicators.create(
                position=indicator.position,
                name=indicator.name,
                target=indicator.target,
                measure=indicator.measure,
            )
        copy.save_revision(by=by, comment=copy.origin[:255])
        return copy


class ProtocolRevision(Revision):
    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="revisions")

    class Meta:
        ordering = ["protocol", "-number"]
        verbose_name = _("version de protocole")
        verbose_name_plural = _("versions de protocole")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "number"], name="protocol_revision_unique_number"
            )
        ]


@dataclass(frozen=True)
class ProtocolsAci:
    """The ACI criterion of the protocols for one structure: the estimate of
    the rule staff keep (structures.models.aci) for its protocols in
    application, and whether its page says the ACI is signed."""

    estimate: AciEstimate
    signed: bool


def aci_count(structure: Structure) -> ProtocolsAci | None:
    """The ACI criterion of the protocols for a structure the rule applies to
    (an MSP); None for the other kinds, which show no ACI wording. Queries:
    the rule, then for an MSP the count of protocols in application."""
    rule = AciRule.objects.for_structure(ACI_PROTOCOLS, structure)
    if rule is None:
        return None
    return ProtocolsAci(
        estimate=rule.estimate(structure.protocols.in_use().count()),
        signed=under_aci_signature(structure),
    )
